"""build_lead on hand-built calls: facts from the client's last statements, signals, temperature, status, category."""

from __future__ import annotations

from datetime import date

import pytest
from rubric_builders import call, det

from analyzer.contract import lead_to_dict
from analyzer.lead import build_lead
from analyzer.lead.money import yearly_rub
from analyzer.settings import Settings
from analyzer.types import Budget, Evidence

S = Settings(_env_file=None)


def codes(lead):
    return [s.code for s in lead.disqualification_signals]


def budget(t, index, quote=None, **value):
    return det(t, "bant.answer", index, quote, topic="budget", value=value)


FULL_RU = call(
    "m: Добрый день, компания Ромашка, Евгений. Чем могу помочь?",
    "c: Здравствуйте, меня зовут Ольга. Нам нужна CRM для отдела продаж.",
    "m: Какой бюджет рассматриваете?",
    "c: Где-то сто тысяч в месяц.",
    "m: Кто принимает решение?",
    "c: Решаю я, я директор.",
    "m: Когда планируете запуск?",
    "c: К концу квартала.",
    "m: Давайте я покажу демо в четверг?",
    "c: Подходит, в четверг в десять.",
)


def full_ru_detections(t=FULL_RU):
    return [
        det(t, "bant.answer", 1, "Нам нужна CRM для отдела продаж", topic="need",
            value={"summary": "CRM для отдела продаж", "product": "crm"}),
        budget(t, 3, "сто тысяч в месяц", amount=100000, currency="RUB", period="month"),
        det(t, "bant.answer", 5, "Решаю я, я директор", topic="authority",
            value={"decision_maker": "self", "role": "director"}),
        det(t, "bant.answer", 7, "К концу квартала", topic="timeline",
            value={"date": "2026-12-31", "text": "к концу квартала"}),
        det(t, "meeting_invite", 8),
        det(t, "next_step", 9, date="2026-11-26", topic="демо"),
    ]


def test_all_four_bant_facts_make_an_sql_with_their_evidence():
    lead = build_lead(FULL_RU, full_ru_detections(), settings=S)
    assert lead.budget == Budget(100000, "RUB", "month", lead.budget.evidence)
    assert lead.budget.evidence.quote == "сто тысяч в месяц"
    assert (lead.authority.decision_maker, lead.authority.role) == ("self", "director")
    assert lead.need.summary == "CRM для отдела продаж"
    assert lead.timeline.date == date(2026, 12, 31) and lead.timeline.text == "к концу квартала"
    assert (lead.next_step.date, lead.next_step.topic) == (date(2026, 11, 26), "демо")
    assert lead.contact.name == "Ольга" and lead.contact.company is None
    assert lead.products_of_interest == ("crm",)
    assert (lead.temperature, lead.status, lead.category) == ("warm", "sql", "strategic")
    assert lead.fact_calls == {f: "test" for f in ("contact", "budget", "authority", "need", "timeline", "next_step")}


def test_three_bant_facts_and_interest_are_an_mql():
    dets = [d for d in full_ru_detections() if d.get("topic") != "timeline"]
    lead = build_lead(FULL_RU, dets, settings=S)
    assert lead.timeline is None
    assert (lead.temperature, lead.status) == ("warm", "mql")


def test_every_evidence_quote_matches_its_utterance():
    lead = build_lead(FULL_RU, full_ru_detections(), settings=S)
    evidence = [lead.contact.evidence, lead.budget.evidence, lead.authority.evidence, lead.need.evidence,
                lead.timeline.evidence, lead.next_step.evidence]
    for ev in evidence:
        assert isinstance(ev, Evidence)
        assert FULL_RU.utterances[ev.utterance].text[ev.char_start:ev.char_end] == ev.quote
    assert lead_to_dict(lead)["budget"]["evidence"]["quote"] == "сто тысяч в месяц"


def test_the_clients_last_statement_wins():
    t = call("m: Какой бюджет?", "c: Тысяч пятьдесят в месяц.", "m: Понял.", "c: Нет, скорее восемьдесят тысяч.",
             "c: Решает директор.", "c: Хотя нет, решаю я сам.")
    dets = [budget(t, 1, "Тысяч пятьдесят в месяц", amount=50000, currency="RUB", period="month"),
            budget(t, 3, "восемьдесят тысяч", amount=80000, currency="RUB", period=None),
            det(t, "bant.answer", 4, topic="authority", value={"decision_maker": "other", "role": "director"}),
            det(t, "bant.answer", 5, "решаю я сам", topic="authority", value={"decision_maker": "self", "role": None})]
    lead = build_lead(t, list(reversed(dets)), settings=S)  # detection order must not matter, time does
    assert (lead.budget.amount, lead.budget.period, lead.budget.evidence.utterance) == (80000, None, 3)
    assert (lead.authority.decision_maker, lead.authority.role, lead.authority.evidence.quote) == \
        ("self", None, "решаю я сам")


def test_absent_facts_are_null_never_guessed():
    t = call("m: Добрый день, компания Ромашка.", "c: Да, слушаю.", "m: Мы продаём CRM.", "c: Понятно.")
    lead = build_lead(t, [det(t, "greeting", 0, company_named=True)], settings=S)
    assert (lead.budget, lead.authority, lead.need, lead.timeline, lead.next_step) == (None,) * 5
    assert (lead.contact.name, lead.contact.company) == (None, None)
    assert lead.products_of_interest == () and lead.disqualification_signals == ()
    assert (lead.temperature, lead.status, lead.category) == ("cold", "unqualified", "operational")
    data = lead_to_dict(lead)
    assert data["budget"] is None and data["timeline"] is None


def test_a_range_budget_keeps_min_and_max():
    t = call("c: От пятидесяти до ста тысяч в месяц.")
    lead = build_lead(t, [budget(t, 0, amount=None, min=50000, max=100000, currency="RUB", period="month")],
                      settings=S)
    assert (lead.budget.amount, lead.budget.min, lead.budget.max) == (None, 50000, 100000)


def test_a_malformed_value_states_nothing():
    t = call("c: Ну как сказать.")
    dets = [det(t, "bant.answer", 0, topic="authority", value={"decision_maker": "maybe"}),
            det(t, "bant.answer", 0, topic="budget", value="lots")]
    lead = build_lead(t, dets, settings=S)
    assert (lead.authority, lead.budget) == (None, None)


# --------------------------------------------------------------------------- disqualification signals
def test_client_rudeness_is_rude_client_but_manager_rudeness_is_not():
    t = call("m: Вы тупые что ли?", "c: Сам ты идиот.")
    lead = build_lead(t, [det(t, "rudeness", 0, "тупые", kind="insult"), det(t, "rudeness", 1, "идиот", kind="insult")],
                      settings=S)
    assert codes(lead) == ["rude_client"]
    assert lead.disqualification_signals[0].evidence.quote == "идиот"
    assert (lead.status, lead.category) == ("disqualified", "problem")


def test_none_of_your_business_is_rudeness_and_a_refusal():
    t = call("m: Какой у вас бюджет?", "c: Это не ваше дело.", "m: А кто решает?", "c: Тоже не ваше дело.")
    lead = build_lead(t, [det(t, "rudeness", 1, "не ваше дело", kind="dismissive"),
                          det(t, "rudeness", 3, "не ваше дело", kind="dismissive")], settings=S)
    assert sorted(codes(lead)) == ["refuses_to_answer", "rude_client"]
    assert [s.evidence.quote for s in lead.disqualification_signals] == ["не ваше дело"] * 2
    assert {s.evidence.utterance for s in lead.disqualification_signals} == {1}  # each signal's first evidence


def test_a_curt_refusal_does_not_cool_the_client_but_insults_do():
    lines = ("c: Нам нужны кондиционеры в офис.", "m: Какой бюджет?")
    curt = call(*lines, "c: Это не ваше дело.")
    rude = call(*lines, "c: Вы там совсем идиоты?")
    lead = build_lead(curt, [det(curt, "rudeness", 2, "не ваше дело", kind="dismissive")], settings=S)
    assert (lead.temperature, lead.status) == ("warm", "disqualified")
    lead = build_lead(rude, [det(rude, "rudeness", 2, "идиоты", kind="insult")], settings=S)
    assert (lead.temperature, codes(lead)) == ("cold", ["rude_client"])


@pytest.mark.parametrize("lines,dets", [
    (("m: Какой бюджет?", "c: Бюджет называть не буду."),
     lambda t: [det(t, "bant.answer", 1, topic="budget", value={"refused": True})]),
    (("m: Who decides?", "c: I'd rather not get into that."), lambda t: [det(t, "refusal", 1, topic="authority")]),
    (("m: What's your budget?", "c: That's none of your business."), lambda t: []),
    (("m: Какой бюджет?", "c: Не скажу."), lambda t: []),
])
def test_explicit_refusals_are_refuses_to_answer(lines, dets):
    t = call(*lines, language="en" if lines[0].startswith("m: W") else "ru")
    lead = build_lead(t, dets(t), settings=S)
    assert codes(lead) == ["refuses_to_answer"] and lead.status == "disqualified"


def test_a_polite_no_is_unqualified_not_a_refusal():
    t = call("m: Интересно было бы обсудить?", "c: Нет, спасибо, нам не интересно.")
    lead = build_lead(t, [], settings=S)
    assert codes(lead) == [] and (lead.temperature, lead.status) == ("cold", "unqualified")


def test_contradiction_detection_is_contradictory_statements():
    t = call("c: Бюджет сто тысяч в месяц.", "c: Вообще у нас тысяч двадцать.")
    contra = det(t, "contradiction", 1, topic="budget", earlier=Evidence.of(t, 0), later=Evidence.of(t, 1))
    lead = build_lead(t, [contra], settings=S)
    assert codes(lead) == ["contradictory_statements"]
    assert lead.contradictions == (contra,)


def test_no_budget_answer_is_no_budget_with_null_budget():
    t = call("m: Какой бюджет?", "c: Бюджета нет совсем.")
    lead = build_lead(t, [budget(t, 1, "Бюджета нет", none=True)], settings=S)
    assert lead.budget is None and codes(lead) == ["no_budget"]
    assert lead.disqualification_signals[0].evidence.quote == "Бюджета нет"


def test_no_budget_then_a_figure_is_the_figure():
    t = call("c: Бюджета нет.", "c: Ну тысяч пятьдесят найдём.")
    lead = build_lead(t, [budget(t, 0, none=True), budget(t, 1, amount=50000, currency="RUB", period=None)],
                      settings=S)
    assert lead.budget.amount == 50000 and codes(lead) == []


@pytest.mark.parametrize("code", ["not_a_priority", "keeps_postponing", "outside_territory"])
def test_disqualification_detections_carry_their_code(code):
    t = call("c: Мы работаем только во Владивостоке.")
    lead = build_lead(t, [det(t, "disqualification", 0, code=code)], settings=S)
    assert codes(lead) == [code] and lead.status == "disqualified"


def test_not_a_priority_from_phrases_ru_and_en():
    ru = call("c: Сейчас это для нас не приоритет.")
    en = call("c: Honestly it's not a priority right now.", language="en")
    assert codes(build_lead(ru, [], settings=S)) == ["not_a_priority"]
    assert codes(build_lead(en, [], settings=S)) == ["not_a_priority"]


def test_postponing_once_is_fine_twice_is_a_signal():
    once = call("c: Перезвоните через месяц.", "m: Хорошо.")
    twice = call("c: Перезвоните через месяц.", "m: Может, всё-таки обсудим сейчас?", "c: Давайте отложим.")
    assert codes(build_lead(once, [], settings=S)) == []
    lead = build_lead(twice, [], settings=S)
    assert codes(lead) == ["keeps_postponing"] and lead.disqualification_signals[0].evidence.utterance == 2


def test_any_signal_disqualifies_a_hot_qualified_lead():
    t = FULL_RU
    dets = full_ru_detections() + [det(t, "rudeness", 9, "Подходит", kind="insult")]
    lead = build_lead(t, dets, settings=S)
    assert (lead.status, lead.category) == ("disqualified", "problem")


# --------------------------------------------------------------------------- temperature
@pytest.mark.parametrize("language,line,expected", [
    ("ru", "c: Хорошо, выставьте нам счёт.", "hot"),
    ("ru", "c: Как можно оплатить?", "hot"),
    ("ru", "c: Всё, оформляем.", "hot"),
    ("en", "c: Great, send us the invoice.", "hot"),
    ("en", "c: We're ready to sign, where do I sign?", "hot"),
    ("ru", "c: Интересно, расскажите подробнее.", "warm"),
    ("ru", "c: Мы сравниваем несколько систем.", "warm"),
    ("ru", "c: Сколько это стоит?", "warm"),
    ("en", "c: We're comparing you with two other vendors.", "warm"),
    ("en", "c: Sounds good, send me a proposal.", "warm"),
    ("ru", "c: Понятно, до свидания.", "cold"),
    ("en", "c: OK, thanks, bye.", "cold"),
    ("en", "c: That sounds interesting, but we're not interested right now.", "cold"),
])
def test_temperature_from_client_phrases(language, line, expected):
    t = call("m: Добрый день.", line, language=language)
    assert build_lead(t, [], settings=S).temperature == expected


@pytest.mark.parametrize("make,expected", [
    (lambda t: [det(t, "meeting_invite", 0, reaction="accepted")], "warm"),
    (lambda t: [det(t, "meeting_invite", 0)], "cold"),
    (lambda t: [det(t, "next_step", 1, date="2026-11-27", topic="встреча")], "warm"),
    (lambda t: [det(t, "price_first", 1, manager_response="built_value")], "warm"),
    (lambda t: [det(t, "cross_sell", 0, product="analytics", justified=True, reaction="accepted")], "warm"),
    (lambda t: [det(t, "buying_signal", 1, level="hot")], "hot"),
])
def test_temperature_from_detections(make, expected):
    t = call("m: Предлагаю встретиться в среду.", "c: Угу.")
    assert build_lead(t, make(t), settings=S).temperature == expected


@pytest.mark.parametrize("language,invite,reply,expected", [
    ("ru", "m: Удобно в пятницу показать демо?", "c: Да, в пятницу в два подойдёт.", "warm"),
    ("ru", "m: Удобно в пятницу показать демо?", "c: Да нет, не получится.", "cold"),
    ("en", "m: Can I show you a demo on Friday?", "c: Sure, Friday at 3.", "warm"),
    ("en", "m: Can I show you a demo on Friday?", "c: Yeah, no, that doesn't work.", "cold"),
])
def test_a_yes_right_after_a_meeting_invite_agrees_to_the_meeting(language, invite, reply, expected):
    t = call(invite, reply, language=language)
    assert build_lead(t, [det(t, "meeting_invite", 0)], settings=S).temperature == expected
    assert build_lead(t, [], settings=S).temperature == "cold"  # the same "yes" without an invite is no cue


def test_a_stated_need_is_warm_and_a_denied_need_is_no_need():
    t = call("m: Что ищете?", "c: Складской учёт.", "m: А если подробнее?", "c: Да это начальство попросило.")
    stated = det(t, "bant.answer", 1, topic="need", value={"summary": "складской учёт"})
    denied = det(t, "bant.answer", 3, topic="need", value={"denied": True, "summary": None})
    assert build_lead(t, [stated], settings=S).temperature == "warm"
    lead = build_lead(t, [denied], settings=S)
    assert (lead.temperature, lead.need) == ("cold", None)  # a denial is no wish to buy
    lead = build_lead(t, [stated, denied], settings=S)
    assert (lead.temperature, lead.need) == ("cold", None)  # the last statement wins


def test_declining_an_extra_offer_does_not_cool_an_interested_client():
    t = call("c: Сколько у вас стоит утепление фасада?", "m: Могу предложить заодно поменять водостоки.",
             "c: Не, водостоки не надо.")
    denied = det(t, "bant.answer", 2, topic="need", value={"denied": True, "summary": None})
    assert build_lead(t, [denied], settings=S).temperature == "warm"


def test_no_thanks_in_the_clients_words_cools_a_stated_need():
    t = call("c: Складской учёт хотим автоматизировать.", "m: Какой бюджет?", "c: Да нам вообще-то ничего не нужно.")
    assert build_lead(t, [], settings=S).temperature == "cold"


def test_a_need_that_is_not_a_priority_is_cold():
    t = call("c: We need a new onboarding tool, but honestly it's not a priority this year.", language="en")
    lead = build_lead(t, [], settings=S)
    assert (lead.temperature, lead.status, codes(lead)) == ("cold", "disqualified", ["not_a_priority"])


def test_outside_territory_from_the_managers_words():
    t = call("c: Нам нужна вода в офис в Твери.", "m: К сожалению, мы возим только по Москве, в Тверь доставки нет.")
    lead = build_lead(t, [], settings=S)
    assert codes(lead) == ["outside_territory"] and lead.disqualification_signals[0].evidence.speaker == "manager"


def test_one_postponement_that_admits_earlier_ones_keeps_postponing():
    t = call("c: Listen, can we push this again? I know I said the same thing in October.", language="en")
    assert codes(build_lead(t, [], settings=S)) == ["keeps_postponing"]


def test_a_later_no_cools_earlier_interest_and_later_interest_warms():
    no_last = call("c: Интересно.", "m: Отправить предложение?", "c: Нет, нам это не нужно.")
    yes_last = call("c: Нам не интересно.", "m: А если бесплатно на месяц?", "c: Хотим попробовать.")
    assert build_lead(no_last, [], settings=S).temperature == "cold"
    assert build_lead(yes_last, [], settings=S).temperature == "warm"


def test_manager_phrases_are_not_client_cues():
    t = call("m: Давайте я выставлю вам счёт? Это интересно?", "c: Посмотрим.")
    assert build_lead(t, [], settings=S).temperature == "cold"


# --------------------------------------------------------------------------- category
@pytest.mark.parametrize("value,temperature_line,expected", [
    ({"amount": 100000, "currency": "RUB", "period": "month"}, "c: Посмотрим.", "strategic"),   # 1.2M a year
    ({"amount": 900000, "currency": "RUB", "period": "year"}, "c: Посмотрим.", "perspective"),
    ({"amount": 90000, "currency": "RUB", "period": "year"}, "c: Интересно.", "operational"),   # known, small
    ({"amount": 12000, "currency": "USD", "period": "year"}, "c: Посмотрим.", "strategic"),     # 1.08M RUB
    ({"amount": 1000, "currency": "USD", "period": "month"}, "c: Посмотрим.", "strategic"),    # 12k USD a year
    ({"amount": 1000, "currency": "USD", "period": "year"}, "c: Посмотрим.", "operational"),    # 90k RUB
    ({"amount": 1000, "currency": "EUR", "period": "one_off"}, "c: Интересно.", "perspective"),  # 100k RUB
    ({"amount": 50000, "currency": "KZT", "period": "year"}, "c: Интересно.", "operational"),   # no rate: not judged
])
def test_category_thresholds_with_currency_conversion(value, temperature_line, expected):
    t = call("c: Бюджет такой.", temperature_line)
    lead = build_lead(t, [budget(t, 0, **value)], settings=S)
    assert lead.category == expected


def test_budget_unknown_but_warm_is_perspective_and_cold_is_operational():
    warm = call("c: Интересно, расскажите.")
    cold = call("c: Ясно.")
    assert build_lead(warm, [], settings=S).category == "perspective"
    assert build_lead(cold, [], settings=S).category == "operational"


def test_usd_rate_is_a_setting():
    b = Budget(10000, "USD", "year")
    assert yearly_rub(b, S) == 900000
    assert yearly_rub(b, Settings(_env_file=None, usd_rub_rate=110.0)) == 1100000
    assert yearly_rub(Budget(None, None, "month", min=10000, max=20000), S) == 120000  # lower bound, RUB default
    assert yearly_rub(Budget(10000, None, "year"), S, "en") == 900000  # "ten grand" in an English call is USD
    assert yearly_rub(Budget(5, "BTC", "year"), S) is None


# --------------------------------------------------------------------------- contact, products, next step
def test_contact_from_detections_wins_over_phrases():
    t = call("m: Как вас зовут?", "c: Меня зовут Ольга, компания «Вектор».")
    lead = build_lead(t, [det(t, "contact", 1, "Ольга", name="Ольга Петровна", company="Вектор-М")], settings=S)
    assert (lead.contact.name, lead.contact.company) == ("Ольга Петровна", "Вектор-М")


def test_contact_from_phrases_ru_and_en_and_never_from_the_manager():
    ru = call("m: Меня зовут Евгений, компания «Ромашка».", "c: Меня зовут Ольга, у нас компания «Вектор».")
    en = call("m: Hi, this is Mike from Callco.", "c: Hi Mike, this is John from Acme Corp.", language="en")
    lead_ru, lead_en = build_lead(ru, [], settings=S), build_lead(en, [], settings=S)
    assert (lead_ru.contact.name, lead_ru.contact.company) == ("Ольга", "Вектор")
    assert (lead_en.contact.name, lead_en.contact.company) == ("John", "Acme Corp")
    assert lead_en.contact.evidence.speaker == "client"
    assert lead_en.contact.evidence.quote == "John from Acme Corp"  # one quote covers name and company


def test_products_of_interest_and_cross_sell_offered():
    t = call("c: Нужна CRM и телефония.", "m: Ещё могу предложить аналитику.", "c: Давайте.",
             "m: И обучение для команды.", "c: Не нужно.")
    dets = [det(t, "bant.answer", 0, topic="need",
                value={"summary": "CRM и телефония", "products": ["crm", "telephony"]}),
            det(t, "cross_sell", 1, product="analytics", justified=True, reaction="accepted"),
            det(t, "cross_sell", 3, product="training", justified=False, reaction="declined")]
    lead = build_lead(t, dets, settings=S)
    assert lead.products_of_interest == ("crm", "telephony", "analytics")
    assert lead.cross_sell_offered == ("analytics", "training")


def test_next_step_takes_the_latest_date_and_topic():
    t = call("m: Созвонимся во вторник?", "c: Да.", "m: Итак: во вторник демо, двадцать четвёртого.")
    dets = [det(t, "next_step", 0, date="2026-11-24", topic=None),
            det(t, "next_step", 2, topic="демо")]
    step = build_lead(t, dets, settings=S).next_step
    assert (step.date, step.topic, step.evidence.utterance) == (date(2026, 11, 24), "демо", 2)
