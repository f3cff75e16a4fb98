"""The lead organisation or network office named in coalition.yaml, checked and held against the answers."""

from __future__ import annotations

import pytest

from pipeline.analysis.host import declared_host
from pipeline.analysis.roles import RoleFilling
from pipeline.analysis.trust import TrustSpread
from pipeline.core.coalition import load_coalition
from pipeline.core.config_check import ConfigProblems

ROSTER = """name: Test
region: Ergens
network_type: samenwerkingsverband
declared_mode: leidende_organisatie
{host}
organisations:
- {{code: zh, name: Ziekenhuis Ergens, actortype: ziekenhuis}}
- {{code: gem, name: Gemeente Ergens, actortype: gemeente}}
- {{code: ha, name: Huisartsen Ergens, actortype: huisartsen}}
"""


def coalition(tmp_path, host: str):
    folder = tmp_path / "test"
    folder.mkdir(exist_ok=True)
    (folder / "coalition.yaml").write_text(ROSTER.format(host=host), encoding="utf-8")
    (folder / "2026.csv").write_text("respondent_id\n", encoding="utf-8")
    return load_coalition(folder)


def filling(role: str, holders: dict[str, float]) -> RoleFilling:
    return RoleFilling(role, f"rol_{role}", 20, holders, 0.1, tuple(holders), None, None, "filled")


def test_a_host_not_on_the_roster_is_refused_with_did_you_mean(tmp_path):
    with pytest.raises(ConfigProblems) as caught:
        coalition(tmp_path, "lead_organisation: zh2")
    assert "lead_organisation: 'zh2' is not an organisation code of this coalition (did you mean 'zh'?)" \
        in str(caught.value)


def test_a_lead_organisation_nobody_names_for_any_role_is_flagged(tmp_path):
    found = coalition(tmp_path, "lead_organisation: zh")
    roles = {"strateeg": filling("strateeg", {"gemeente": 0.6, "ziekenhuis": 0.0}),
             "verkenner": filling("verkenner", {"huisartsen": 0.5})}
    host = declared_host(found, roles, TrustSpread(0.2, 0.1, ("gem",), 3))
    assert host is not None and host.kind == "lead_organisation" and host.code == "zh"
    assert host.unnamed and host.named == {"strateeg": 0.0, "verkenner": 0.0}
    assert host.trust_centre is False
    roles["verkenner"] = filling("verkenner", {"ziekenhuis": 0.3})
    assert not declared_host(found, roles, None).unnamed


def test_a_network_office_counts_as_named_when_the_programme_office_is(tmp_path):
    found = coalition(tmp_path, "network_office: gem")
    roles = {"ontwikkelaar": filling("ontwikkelaar", {"programmabureau": 0.4})}
    host = declared_host(found, roles, None)
    assert host is not None and host.kind == "network_office" and not host.unnamed
    assert host.trust_centre is None        # trust not measured: not known


def test_a_host_without_any_working_tie_is_untied_and_said_so_plainly(tmp_path):
    from pipeline.analysis.advice import GovernanceEvidence, host_line
    from pipeline.core.i18n import Translator

    found = coalition(tmp_path, "lead_organisation: zh")
    roles = {"strateeg": filling("strateeg", {"gemeente": 0.6})}
    assert declared_host(found, roles, None).untied is None           # ties not measured: not known
    assert declared_host(found, roles, None, ("gem",)).untied is False
    host = declared_host(found, roles, None, ("zh",))
    assert host is not None and host.untied and host.unnamed
    evidence = GovernanceEvidence("leidende_organisatie", None, None, host_kind=host.kind, host_untied=True,
                                  host_unnamed=True)
    assert host_line(evidence, Translator("nl")) == ("De leidende organisatie heeft geen vaste werkrelatie in het "
                                                     "netwerk en wordt door niemand als rolhouder genoemd. ")
    assert host_line(GovernanceEvidence("leidende_organisatie", None, None), Translator("nl")) == ""
