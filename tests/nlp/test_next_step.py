"""Next step: an agreed next contact with its date (resolved against the call start) and topic."""

from __future__ import annotations

from nlp.detectors.next_step import detect

THURSDAY = "2026-11-19T10:00:00+03:00"  # a Thursday


def test_call_agreed_with_date_and_topic(run_detector):
    found, _ = run_detector(detect, "Менеджер: Пришлю КП сегодня, а в понедельник созвонимся и обсудим условия.\n"
                                    "Клиент: Хорошо.", started_at=THURSDAY)
    [d] = found
    assert d.type == "next_step" and d.speaker == "manager"
    assert d.get("date") == "2026-11-23"  # the Monday call, not today's email
    assert d.get("action") == "call"
    assert d.get("topic")


def test_date_from_the_short_reply(run_detector):
    [d], _ = run_detector(detect, "Менеджер: Когда вам удобно созвониться?\nКлиент: Давайте в пятницу в десять.",
                          started_at=THURSDAY)
    assert d.get("date") == "2026-11-20"


def test_proposed_time_for_a_demo_is_a_next_step(run_detector):
    found, _ = run_detector(detect, "Manager: I'd love to show you a live demo. Would Monday at 2 pm work for you?\n"
                                    "Client: Monday works.", started_at="2026-11-19T10:00:00-05:00")
    assert found and {d.get("date") for d in found} == {"2026-11-23"}


def test_declined_step_is_not_agreed(run_detector):
    found, _ = run_detector(detect, "Менеджер: Приглашаю вас в шоурум. В пятницу в двенадцать удобно?\n"
                                    "Клиент: Я поговорю с директором, но ничего не обещаю. Пока ничего не назначайте.",
                            started_at=THURSDAY)
    assert found == []


def test_deadline_is_not_a_farewell(run_detector):
    found, _ = run_detector(detect, "Клиент: Главное — застрахуйте до пятницы, в понедельник машины уходят в рейс.")
    assert found == []


def test_past_or_conditional_contacts_are_not_next_steps(run_detector):
    assert run_detector(detect, "Клиент: Мы созвонились в прошлом месяце.\nКлиент: Если что, я сам наберу.")[0] == []
    assert run_detector(detect, "Client: If anything changes, I'll call you.\nClient: Please don't call me again.")[0] == []


def test_english_send_and_call(run_detector):
    found, _ = run_detector(detect, "Manager: I'll email you the proposal today and call you on Thursday to go over it.",
                            started_at="2026-11-23T10:00:00-05:00")
    assert [d.get("date") for d in found] == ["2026-11-26"]
    assert found[0].get("topic")


def test_a_promise_with_neither_date_nor_topic_is_no_agreed_step(run_detector):
    assert run_detector(detect, "Менеджер: Давайте я запишу ваш номер, вам перезвонит администратор.")[0] == []


def test_what_is_sent_is_the_topic(run_detector):
    [d], _ = run_detector(detect, "Менеджер: Давайте я пришлю вам программу, чтобы вы показали её директору.")
    assert d.get("topic") == "программу"
    [d], _ = run_detector(detect, "Manager: Sure, I'll email you the brochure.")
    assert d.get("topic") == "the brochure"


def test_topic_of_the_proposal_the_reply_agrees_to(run_detector):
    found, _ = run_detector(detect, "Менеджер: Приглашаю вас в салон, дизайнер сделает 3D-проект при вас. Когда удобно?\n"
                                    "Клиент: Приедем с женой в субботу.", started_at=THURSDAY)
    assert [(d.speaker, d.get("date"), d.get("topic")) for d in found] == [("client", "2026-11-21", "3D-проект")]


def test_purpose_and_object_are_topics(run_detector):
    [d], _ = run_detector(detect, "Manager: I'll call you tomorrow at one to make sure everything works.",
                          started_at="2026-11-25T10:00:00-05:00")
    assert (d.get("date"), d.get("topic")) == ("2026-11-26", "to make sure everything works")
    [d], _ = run_detector(detect, "Менеджер: В четверг в десять привезу машину к вам в офис.", started_at=THURSDAY)
    assert (d.get("date"), d.get("topic")) == ("2026-11-26", "машину")


def test_refusal_or_rudeness_in_reply_is_not_agreed(run_detector):
    for reply in ("Клиент: да не надо перезванивать если что я сам позвоню",
                  "Клиент: Мне ваш прайс нах*р не нужен. Отвалите уже."):
        found, _ = run_detector(detect, "Менеджер: давайте я вам в пятницу перезвоню, вышлю прайс?\n" + reply,
                                started_at=THURSDAY)
        assert found == [], reply


def test_topic_from_invitation_or_abbreviation(run_detector):
    [d, *_], _ = run_detector(detect, "Менеджер: Предлагаю встретиться у вас на складе: покажем оборудование. "
                                      "Удобно в пятницу в десять?\nКлиент: Да, подойдёт.", started_at=THURSDAY)
    assert d.get("date") == "2026-11-20" and "встретиться" in d.get("topic")
    [d, *_], _ = run_detector(detect, "Менеджер: Я подготовлю КП, и в понедельник созвонимся.\nКлиент: Договорились.",
                              started_at=THURSDAY)
    assert d.get("topic") and d.get("date") == "2026-11-23"


def test_document_sent_today_has_no_next_contact_date(run_detector):
    [d, *_], _ = run_detector(detect, "Менеджер: вышлю коммерческое предложение сегодня\nКлиент: да присылайте",
                              started_at=THURSDAY)
    assert d.get("date") is None and d.get("topic")
