"""Listen before asking, through the real servers: a customer's mail after the resolution is
read in the cycle it arrives in, before anything is asked of them (issue 20, part 2)."""

from __future__ import annotations

from clients import reply
from conftest import make_config
from test_evaluation_flow import Clock, answer_evaluation, kinds_to, resolved
from test_owner_loop import dossier, mailbox, text_of
from test_timeline import SECONDS

from inbox_agent.run.cycle import run_once
from inbox_agent.testing.servers import ImapServer, SmtpServer


def test_it_broke_again_is_acknowledged_and_no_evaluation_goes_out_in_that_cycle(
    tmp_path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, **SECONDS)
    clock = Clock()
    customer = resolved(config, imap_server, clock)  # resolved at 1 s: evaluation due at 3 s
    answer = mailbox(imap_server, customer)[-1]
    imap_server.deliver(
        config.shop.email, reply("outlook_nl", answer, customer, "Hij is weer kapot.")
    )
    run_once(config, now=clock.at(4))  # the mail is read in the cycle the evaluation is due
    assert ["acknowledgement", "reply", "reopening"] == kinds_to(config, imap_server, customer)
    letter = text_of(mailbox(imap_server, customer)[-1])
    assert "heropend" in letter and dossier(config)["reference"] in letter
    owner_mail = mailbox(imap_server, config.owner.handler)
    assert 1 == sum("Heropend" in m["Subject"] for m in owner_mail)
    assert "reopened" == dossier(config)["status"]


def test_satisfied_but_still_creaking_reopens_instead_of_waiting_as_an_unclear_answer(
    tmp_path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, **SECONDS)
    clock = Clock()
    customer = resolved(config, imap_server, clock)
    answer = "Tevreden, maar de fiets kraakt nog steeds"
    answer_evaluation(config, imap_server, clock, customer, "gmail", answer)
    assert "reopened" == dossier(config)["status"]
    assert ["acknowledgement", "reply", "evaluation", "reopening"] == kinds_to(
        config, imap_server, customer
    )
    assert "hoeft u nu niet te" in text_of(mailbox(imap_server, customer)[-1])


def test_a_thank_you_after_closure_is_filed_and_nothing_is_sent(
    tmp_path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, **SECONDS)
    clock = Clock()
    customer = resolved(config, imap_server, clock)
    answer_evaluation(config, imap_server, clock, customer, "thunderbird_nl", "5, top geholpen")
    assert "closed" == dossier(config)["status"]
    closure = mailbox(imap_server, customer)[-1]
    to_owner = len(mailbox(imap_server, config.owner.handler))
    imap_server.deliver(config.shop.email, reply("gmail", closure, customer, "Bedankt!"))
    run_once(config, now=clock.at(30))
    run_once(config, now=clock.at(90))
    state = dossier(config)
    assert ("closed", "thanks_filed") == (state["status"], state["events"][-1]["type"])
    assert "closure" == kinds_to(config, imap_server, customer)[-1]
    assert to_owner == len(mailbox(imap_server, config.owner.handler))
    assert 1 == len(list((config.storage.path).glob("closed/*/*.json")))  # no new dossier


def test_a_complaint_after_closure_is_acknowledged_the_same_day(
    tmp_path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, **SECONDS)
    clock = Clock()
    customer = resolved(config, imap_server, clock)
    answer_evaluation(config, imap_server, clock, customer, "apple_nl", "4, netjes opgelost")
    closure = mailbox(imap_server, customer)[-1]
    text = "De nieuwe bel die jullie erop zetten rammelt nu ook, en de lamp doet het niet."
    imap_server.deliver(config.shop.email, reply("apple_nl", closure, customer, text))
    run_once(config, now=clock.at(30))
    assert "reopening" == kinds_to(config, imap_server, customer)[-1]
    assert "reopened" == dossier(config)["status"]
