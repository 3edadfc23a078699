"""Meeting invite: the manager invites to a meeting, demo, visit or site survey; sending a document is not one."""

from __future__ import annotations

import pytest

from nlp.detectors.meeting_invite import detect


@pytest.mark.parametrize("line", [
    "Менеджер: Приглашаю вас к нам в офис, всё покажем.",
    "Менеджер: Давайте я проведу для вас онлайн-демонстрацию в четверг.",
    "Менеджер: Давайте я пришлю к вам замерщика, он всё посчитает.",
    "Менеджер: Могу привезти машину к вам на дегустацию.",
    "Manager: Would you like to schedule a quick demo?",
    "Manager: I'd like to visit one of your clinics to check the layout.",
    "Manager: Would it help if I presented it to both of you?",
])
def test_invitations(run_detector, line):
    [d], _ = run_detector(detect, line)
    assert d.type == "meeting_invite" and d.speaker == "manager"


@pytest.mark.parametrize("line", [
    "Менеджер: Можно я хотя бы пришлю презентацию на почту?",
    "Менеджер: На прошлой встрече мы обсуждали сроки.",
    "Менеджер: Давайте созвонимся в пятницу.",
    "Manager: I'll email you a trial order and the price list.",
    "Manager: Sorry, I have a meeting in five minutes.",
    "Клиент: Приглашаю вас к нам в офис.",  # the client inviting is not the manager's invite
])
def test_not_invitations(run_detector, line):
    assert run_detector(detect, line)[0] == []


@pytest.mark.parametrize("reply, reaction", [
    ("Клиент: Да, в пятницу в одиннадцать удобно.", "accepted"),
    ("Клиент: В субботу с утра да, часов в девять.", "accepted"),
    ("Клиент: Нет, в пятницу не получится.", "declined"),
    ("Клиент: А сколько это стоит?", "none"),
    ("Client: Thursday at 2 works.", "accepted"),
    ("Client: No, that doesn't work for me.", "declined"),
])
def test_reaction_to_the_invitation(run_detector, reply, reaction):
    [d], _ = run_detector(detect, "Менеджер: Предлагаю показать вам систему на демонстрации в пятницу.\n" + reply)
    assert d.get("reaction") == reaction
    assert d.get("accepted") is (reaction == "accepted")
