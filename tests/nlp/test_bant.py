"""BANT questions and answers on hand-built calls: topics, values, links to the question answered."""

from __future__ import annotations

import pytest

from nlp.detectors.bant import detect

ANCHOR = "2026-11-18T10:00:00+03:00"


def _by(found, type_, topic=None):
    return [d for d in found if d.type == type_ and (topic is None or d.get("topic") == topic)]


@pytest.mark.parametrize("question, topic", [
    ("Сколько вы готовы вложить в это?", "budget"),
    ("На какую сумму рассчитываете?", "budget"),
    ("Какой бюджет закладываете на проект?", "budget"),
    ("Кто у вас принимает решение?", "authority"),
    ("С кем ещё надо согласовать?", "authority"),
    ("Когда планируете запуск?", "timeline"),
    ("К какому сроку нужно?", "timeline"),
    ("Что сейчас используете для учёта?", "need"),
    ("Какая задача стоит?", "need"),
    ("Что вас не устраивает в текущем подрядчике?", "need"),
    ("ну а по деньгам как у вас", "budget"),
    ("а решение вы сами принимаете", "authority"),
])
def test_russian_questions(run_detector, question, topic):
    found, _ = run_detector(detect, f"Менеджер: {question}\nКлиент: Хороший вопрос.")
    assert [d.get("topic") for d in _by(found, "bant.question")] == [topic]


@pytest.mark.parametrize("question, topic", [
    ("What are you working with budget-wise?", "budget"),
    ("How much are you looking to spend?", "budget"),
    ("Who signs off on this?", "authority"),
    ("Is anyone else involved in the decision?", "authority"),
    ("When do you need it live?", "timeline"),
    ("What's your timeline?", "timeline"),
    ("What's the main challenge?", "need"),
    ("What are you using right now?", "need"),
    ("so who makes the final call on something like this", "authority"),
])
def test_english_questions(run_detector, question, topic):
    found, _ = run_detector(detect, f"Manager: {question}\nClient: Good question.")
    assert [d.get("topic") for d in _by(found, "bant.question")] == [topic]


@pytest.mark.parametrize("call, quote", [
    ("Клиент: Хотим поменять машину, старая уже сыпется.\nМенеджер: Понимаю. На чём сейчас ездите?\n"
     "Клиент: Фокус двенадцатого года, пробег двести тысяч.", "На чём сейчас ездите?"),
    ("Клиент: Нам нужна вода в офис, человек на пятнадцать.\nМенеджер: Хорошо. Кулер у вас свой или нужен наш?\n"
     "Клиент: Свой есть, старый, но работает.", "Кулер у вас свой или нужен наш?"),
    ("Client: We need a mortgage for our first place.\nManager: Congratulations! Is it your first home?\n"
     "Client: Yes, we've been renting for six years.", "Is it your first home?"),
])
def test_situation_question_counts_as_need(run_detector, call, quote):
    """An open question no lexicon names, after the client stated a need and answered in words."""
    found, _ = run_detector(detect, call)
    [question] = _by(found, "bant.question", "need")
    assert question.evidence.quote == quote and question.score < 0.8


@pytest.mark.parametrize("call", [
    # a service survey: questions, but no need was stated, so nothing is discovered
    "Менеджер: Курьеры приехали вовремя?\nКлиент: Да, даже раньше позвонили, всё хорошо.",
    "Manager: Did the technician arrive on time?\nClient: He did, and he fixed everything quickly.",
    # call control after a stated need: contacts, checks of understanding, hearing
    "Client: Three of our lines have been dead since Monday.\nManager: Can you give me the account number?\n"
    "Client: It's 4471, I've called three times already.",
    "Клиент: Нам нужна печать для новой фирмы.\nМенеджер: Как к вам можно обращаться?\nКлиент: Меня зовут Ирина Петровна.",
    "Клиент: Нам нужна печать для новой фирмы.\nМенеджер: Правильно понимаю, что печать одна?\nКлиент: Да, одна, с логотипом.",
    # a one-word reply discovers nothing
    "Клиент: Нам нужна печать для новой фирмы.\nМенеджер: Срочно?\nКлиент: Да.",
])
def test_situation_question_needs_a_stated_need_and_real_discovery(run_detector, call):
    found, _ = run_detector(detect, call)
    assert _by(found, "bant.question", "need") == []


@pytest.mark.parametrize("text", [
    "Менеджер: Сколько у вас сотрудников?",
    "Менеджер: Когда вам удобно созвониться?",
    "Менеджер: Итак, бюджет восемьдесят тысяч в месяц, решение принимаете вы. Всё верно.",
    "Manager: When is a good time to call you back?",
    "Manager: Thanks, have a great day.",
])
def test_not_bant_questions(run_detector, text):
    found, _ = run_detector(detect, text)
    assert [d.get("topic") for d in _by(found, "bant.question") if d.get("topic") != "need"] == []


def test_budget_answer_is_linked_to_its_question_with_a_normalised_value(run_detector):
    found, _ = run_detector(detect, "Менеджер: Какой бюджет закладываете?\n"
                                    "Клиент: Ну где-то сто двадцать тысяч в месяц.", started_at=ANCHOR)
    [answer] = _by(found, "bant.answer", "budget")
    assert answer.speaker == "client" and answer.get("answers") == 0
    assert answer.get("value") == {"amount": 120000, "currency": "RUB", "period": "month", "min": None, "max": None}
    assert answer.evidence.quote == "сто двадцать тысяч"


@pytest.mark.parametrize("reply, value", [
    ("Between 50 and 70k a year.", {"min": 50000, "max": 70000, "period": "year", "currency": "USD"}),
    ("Honestly we have no budget for this.", {"none": True}),
    ("About 150 grand, one-off.", {"amount": 150000, "period": "one_off"}),
    # a restatement per another period: the last statement wins, in the first sum's currency
    ("About four hundred quid a month, so four thousand eight hundred a year.",
     {"amount": 4800, "period": "year", "currency": "GBP"}),
])
def test_english_budget_values(run_detector, reply, value):
    found, _ = run_detector(detect, f"Manager: What budget do you have in mind?\nClient: {reply}")
    [answer] = _by(found, "bant.answer", "budget")
    for key, want in value.items():
        assert answer.get("value")[key] == want


@pytest.mark.parametrize("reply, decision, role", [
    ("Я коммерческий директор, решение за мной.", "self", "director"),
    ("Решает генеральный директор, я только собираю варианты.", "other", "director"),
    ("Я директор по логистике, но подписывает всё финансовый директор.", "other", "director"),
    ("Мы с партнёром решаем вместе.", "joint", "partner"),
    ("Это через отдел закупок, у нас тендер.", "other", "procurement"),
    ("Я владелец, сам и решаю.", "self", "owner"),
])
def test_russian_authority(run_detector, reply, decision, role):
    found, _ = run_detector(detect, f"Менеджер: Кто у вас принимает решение?\nКлиент: {reply}")
    [answer] = _by(found, "bant.answer", "authority")
    assert answer.get("value") == {"decision_maker": decision, "role": role}


@pytest.mark.parametrize("reply, decision", [
    ("I do, it's my department's budget.", "self"),
    ("My boss has the final say, I just recommend.", "other"),
    ("Both of us, my wife and me.", "joint"),
    ("It goes through procurement.", "other"),
])
def test_english_authority(run_detector, reply, decision):
    found, _ = run_detector(detect, f"Manager: Who makes the decision?\nClient: {reply}")
    [answer] = _by(found, "bant.answer", "authority")
    assert answer.get("value")["decision_maker"] == decision


@pytest.mark.parametrize("lang, call, date", [
    ("ru", "Менеджер: Когда планируете запуск?\nКлиент: К концу квартала хотелось бы.", "2026-12-31"),
    ("ru", "Менеджер: К какому сроку нужно?\nКлиент: До середины декабря.", "2026-12-15"),
    ("ru", "Клиент: Нам нужно запуститься до первого июля, иначе сорвём сезон.", "2027-07-01"),
    ("en", "Manager: When do you need it live?\nClient: Ideally next spring.", "2027-05-31"),
    ("en", "Manager: What's your timeline?\nClient: By the end of the year.", "2026-12-31"),
])
def test_timeline_answers_resolve_against_the_call_date(run_detector, lang, call, date):
    found, _ = run_detector(detect, call, started_at=ANCHOR)
    [answer] = _by(found, "bant.answer", "timeline")
    assert answer.get("value")["date"] == date


def test_urgency_answer_keeps_the_words_without_a_date(run_detector):
    found, _ = run_detector(detect, "Manager: How soon do you need this?\nClient: ASAP, honestly.", started_at=ANCHOR)
    [answer] = _by(found, "bant.answer", "timeline")
    assert answer.get("value")["date"] is None and answer.get("value")["urgent"] is True


def test_a_meeting_day_is_not_a_timeline(run_detector):
    found, _ = run_detector(detect, "Менеджер: Когда вам удобно созвониться?\nКлиент: Давайте в пятницу в десять.",
                            started_at=ANCHOR)
    assert _by(found, "bant.answer", "timeline") == [] and _by(found, "bant.question") == []


def test_need_answer_summarises_the_clients_words(run_detector):
    found, transcript = run_detector(detect, "Менеджер: Какая задача стоит?\n"
                                             "Клиент: Заявки теряются, менеджеры забывают перезванивать клиентам.")
    [answer] = _by(found, "bant.answer", "need")
    assert answer.get("value")["summary"] == "Заявки теряются, менеджеры забывают перезванивать клиентам"
    assert answer.get("answers") == 0


@pytest.mark.parametrize("call", [
    "Менеджер: Какой у вас бюджет?\nКлиент: Это не ваше дело.",
    "Менеджер: Сколько готовы вложить?\nКлиент: Не скажу.",
    "Manager: What budget do you have in mind?\nClient: I'm not going to tell you our budget.",
])
def test_refusal_to_answer(run_detector, call):
    found, _ = run_detector(detect, call)
    [answer] = _by(found, "bant.answer")
    assert answer.get("topic") == "budget" and answer.get("value") == {"refused": True}


def test_counts_and_outbursts_are_no_answers(run_detector):
    found, _ = run_detector(detect, "Менеджер: Сколько у вас сотрудников?\nКлиент: Двенадцать человек в двух салонах.\n"
                                    "Менеджер: Что сейчас не устраивает?\nКлиент: Вы там совсем идиоты?")
    assert _by(found, "bant.answer", "budget") == [] and _by(found, "bant.answer", "need") == []


@pytest.mark.parametrize("reply, decision", [("That would be me.", "self"), ("Я.", "self"),
                                             ("Oh, shut up with your questions. I said, tell me the price.", None)])
def test_a_bare_pronoun_answers_who_decides_only_in_a_short_reply(run_detector, reply, decision):
    found, _ = run_detector(detect, f"Manager: Who would decide on a tool like this?\nClient: {reply}")
    answers = _by(found, "bant.answer", "authority")
    assert [a.get("value")["decision_maker"] for a in answers] == ([decision] if decision else [])


def test_dates_the_client_only_echoes_or_recalls_are_not_the_timeline(run_detector):
    found, _ = run_detector(detect, "Manager: When do you want the shelving in?\n"
                                    "Client: I know I said the same thing in October. Honestly, sometime next year.",
                            started_at=ANCHOR)
    [answer] = _by(found, "bant.answer", "timeline")
    assert answer.get("value")["date"] == "2027-12-31"


def test_asr_question_closed_with_a_period_is_still_a_question():
    from dataclasses import replace

    from analyzer.contract import parse_transcript
    from analyzer.types import AsrInfo
    from nlp import analyze_text

    typed = parse_transcript("Менеджер: Хорошо. Кто у вас принимает решение о покупке такой системы.\n"
                             "Клиент: Решение принимаю я.")
    heard = replace(typed, asr=AsrInfo("faster-whisper", "bundled"))
    topics = lambda t: [d.get("topic") for d in analyze_text(t).detections if d.type == "bant.question"]
    assert topics(typed) == []  # a typed transcript's period is trusted: a statement
    assert topics(heard) == ["authority"]  # Whisper's period is not


@pytest.mark.parametrize("offer, reply", [
    ("Могу ещё предложить видеонаблюдение.", "Не, камеры у нас уже стоят, не надо."),
    ("Рекомендую ещё резервный канал.", "Это нам уже не нужно, у нас есть."),
    ("Кстати, у нас есть страховка оборудования, оформим?", "Нет, спасибо, больше ничего не нужно."),
    ("ещё у нас есть навигация глонасс для тракторов не хотите поставить", "не трекеры у нас уже стоят не надо"),
    ("А вам не нужна ещё сумка для ноутбука?", "Да нет, это уже не актуально."),
])
def test_declining_an_offered_extra_keeps_the_need(run_detector, offer, reply):
    """A refusal of a cross-sell answers the offer: the need the client came with is not withdrawn."""
    found, _ = run_detector(detect, f"Клиент: Нужен интернет в новый офис на двадцать человек.\n"
                                    f"Менеджер: {offer}\nКлиент: {reply}")
    assert [a.get("value").get("denied", False) for a in _by(found, "bant.answer", "need")] == [False]
    assert _by(found, "bant.question", "need") == []  # an offer is no discovery question


def test_a_need_withdrawn_outside_an_offer_is_still_denied(run_detector):
    found, _ = run_detector(detect, "Клиент: Нужен интернет в новый офис на двадцать человек.\n"
                                    "Менеджер: Давайте посчитаем.\nКлиент: Да нам это уже не нужно, передумали.")
    assert [a.get("value").get("denied", False) for a in _by(found, "bant.answer", "need")] == [False, True]


@pytest.mark.parametrize("reply, decision", [
    ("С мужем посоветуюсь, вместе решим.", "joint"),
    ("Посоветуюсь с женой, и вместе определимся.", "joint"),
    ("Вместе с супругой решим.", "joint"),
    ("Поговорю с мужем, потом решим.", "joint"),
    ("Обсудим с компаньоном и примем решение.", "joint"),
    ("Посоветуюсь с женой.", "other"),
    ("Посоветуюсь с мужем, он решит.", "other"),
    ("Да я собственник, я и решаю, ну с женой посоветуюсь конечно, но решаю я.", "self"),
])
def test_consulting_a_spouse_and_deciding_together_is_joint(run_detector, reply, decision):
    found, _ = run_detector(detect, f"Менеджер: А решение вы принимаете или с кем-то ещё надо обсудить?\nКлиент: {reply}")
    [answer] = _by(found, "bant.answer", "authority")
    assert answer.get("value")["decision_maker"] == decision


@pytest.mark.parametrize("question, reply, need", [
    ("Вы сейчас у кого берёте бетон?", "Слушайте, у меня поставщик есть, всё устраивает.", False),
    ("Что сейчас используете для учёта?", "Один эс, в целом довольны, менять не планируем.", False),
    ("А какие сейчас сложности с доставкой?", "Да никаких проблем нет, работаем с одним подрядчиком лет пять.", False),
    ("Что сейчас используете для учёта?", "Один эс, в целом довольны, но тормозит страшно.", True),
    ("Кто вас сейчас обслуживает?", "Подрядчик есть, но нас не всё устраивает, срывают сроки.", True),
    # a purpose stated, then withdrawn, is still the need answered (corpus ru21)
    ("Подскажите, на что планируете направить средства?",
     "На закупку товара к сезону, но, честно говоря, сейчас уже не актуально.", True),
])
def test_content_with_what_they_have_states_no_need(run_detector, question, reply, need):
    found, _ = run_detector(detect, f"Менеджер: {question}\nКлиент: {reply}")
    assert bool(_by(found, "bant.answer", "need")) is need


@pytest.mark.parametrize("question, reply, date", [
    ("Отлично, на какую дату планируете?", "На двадцать шестое декабря, это суббота.", "2026-12-26"),
    ("А на когда вам нужно?", "На пятнадцатое января.", "2027-01-15"),
    ("Когда у вас мероприятие?", "Двадцатого декабря, в пятницу вечером.", "2026-12-20"),
    ("Какая дата свадьбы?", "Четырнадцатое февраля.", "2027-02-14"),
])
def test_the_event_date_answers_a_date_question(run_detector, question, reply, date):
    found, _ = run_detector(detect, f"Менеджер: {question}\nКлиент: {reply}", started_at=ANCHOR)
    assert [q.get("topic") for q in _by(found, "bant.question")] == ["timeline"]
    assert [a.get("value")["date"] for a in _by(found, "bant.answer", "timeline")] == [date]


@pytest.mark.parametrize("call, date, need", [
    ("Клиент: У нас двадцатого декабря отчётный концерт, и после концерта хотим фуршет для родителей.",
     "2026-12-20", True),
    ("Клиент: Добрый день, свадьба у нас четырнадцатого февраля, нужен фотограф.", "2027-02-14", True),
    ("Клиент: Хотим корпоратив. В прошлом году корпоратив был двадцатого декабря, всем понравилось.", None, True),
    ("Клиент: Нужен банкет на сорок человек.\nМенеджер: Давайте встретимся двадцатого, обсудим банкет?\n"
     "Клиент: Да, двадцатого в два подойдёт, обсудим банкет.", None, True),
])
def test_an_event_date_the_client_volunteers_is_the_timeline(run_detector, call, date, need):
    found, _ = run_detector(detect, call, started_at=ANCHOR)
    assert [a.get("value")["date"] for a in _by(found, "bant.answer", "timeline")] == ([date] if date else [])
    assert bool(_by(found, "bant.answer", "need")) is need


@pytest.mark.parametrize("question", ["На какое число гостей рассчитываете?", "Когда был прошлый корпоратив?",
                                      "На какой день вам удобно созвониться?"])
def test_counts_past_events_and_calls_ask_no_timeline(run_detector, question):
    found, _ = run_detector(detect, f"Менеджер: {question}\nКлиент: Хороший вопрос.")
    assert _by(found, "bant.question", "timeline") == []


@pytest.mark.parametrize("question, topic", [
    ("А договор с вами заключать или с кем-то ещё?", "authority"),
    ("Счёт на кого выставлять?", "authority"),
    ("Скажите, в каких пределах вы бы хотели уложиться по расходам?", "budget"),
    ("А кто у вас сейчас занимается компьютерами — свой админ или подрядчик?", "need"),
    ("Подскажите, сколько у вас в офисе рабочих мест?", "need"),
    ("How old are the rooftop units on your building?", "need"),
    ("Who looks after your printed menus at the moment?", "need"),
    ("And is there a date you're working towards?", "timeline"),
])
def test_indirect_questions(run_detector, question, topic):
    """Indirect BANT questions: whom the contract is with (authority), who does the work today (need, not
    authority), the state of what they have (need), a date worked towards (timeline)."""
    speaker = "Менеджер" if any("а" <= c <= "я" for c in question.lower()) else "Manager"
    client = "Клиент: Хороший вопрос." if speaker == "Менеджер" else "Client: Good question."
    found, _ = run_detector(detect, f"{speaker}: {question}\n{client}")
    assert [d.get("topic") for d in _by(found, "bant.question")] == [topic]


def test_payer_and_chief_doctor_answer_authority(run_detector):
    found, _ = run_detector(detect, "Менеджер: а по деньгам вы на какую сумму рассчитываете\n"
                                    "Клиент: ну мы думали от пятидесяти до шестидесяти тыщ ну платить буду я сын только учиться")
    assert [d.get("value")["decision_maker"] for d in _by(found, "bant.answer", "authority")] == ["self"]
    found, _ = run_detector(detect, "Менеджер: Кто у вас принимает решение о смене лаборатории?\n"
                                    "Клиент: Главврач, Сергей Викторович, но он мне доверяет, как я скажу, так и будет.")
    assert [d.get("value")["decision_maker"] for d in _by(found, "bant.answer", "authority")] == ["other"]


def test_budget_limit_in_reply_to_indirect_question(run_detector):
    found, _ = run_detector(detect, "Менеджер: Скажите, в каких пределах вы бы хотели уложиться по расходам?\n"
                                    "Клиент: Ну мы с братом посчитали, не больше ста тысяч на всё.")
    [budget] = _by(found, "bant.answer", "budget")
    assert budget.get("value")["max"] == 100000


def test_refusal_then_nothing_needed_is_no_need(run_detector):
    """A refusal to answer states no need, so a later "нам ничего не надо" is no need withdrawn either."""
    found, _ = run_detector(detect, "Менеджер: Сколько у вас в офисе рабочих мест?\nКлиент: Не ваше дело.\n"
                                    "Менеджер: А кто у вас сейчас занимается компьютерами?\n"
                                    "Клиент: Да вы меня слышите вообще? Нам ничего не надо.")
    assert [d.get("value") for d in _by(found, "bant.answer", "need")] == [{"refused": True}]


def test_content_with_current_supplier_states_no_need_en(run_detector):
    found, _ = run_detector(detect, "Manager: Who looks after your printed menus at the moment?\n"
                                    "Client: We use a family firm in Middlesex, they've done our menus for twelve years. "
                                    "Lovely people, and the menu they did last month looked great.")
    assert not _by(found, "bant.answer", "need")
    found, _ = run_detector(detect, "Manager: How old are the rooftop units on your building?\n"
                                    "Client: About twelve years. They're fine mostly, we had one compressor go two summers ago.")
    assert _by(found, "bant.answer", "need")


def test_restated_figure_without_period_keeps_the_period(run_detector):
    """A restatement of the same figure with no period keeps the period said before; a new figure does not."""
    call = ("Менеджер: А какую сумму в месяц вы на лабораторию закладываете?\n"
            "Клиент: Мы больше пятидесяти тысяч в месяц на лабораторию не можем, это максимум.\n"
            "Менеджер: Подождите, вы же говорили про сто пятьдесят?\n"
            "Клиент: Максимум пятьдесят, больше не дадут.")
    found, _ = run_detector(detect, call, started_at=ANCHOR)
    last = _by(found, "bant.answer", "budget")[-1].get("value")
    assert (last["max"], last["period"]) == (50000, "month")
    call = ("Manager: What's your monthly budget?\nClient: About two thousand a month.\n"
            "Manager: And for the setup?\nClient: For the setup, five thousand max.")
    found, _ = run_detector(detect, call, started_at=ANCHOR)
    assert _by(found, "bant.answer", "budget")[-1].get("value")["period"] is None
