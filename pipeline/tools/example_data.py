"""A seeded generator of fictional coalitions that behave like real ones.

Answers come from latent traits, not uniform noise: each coalition has a level per
construct, each respondent a general attitude and a view per construct, and actor groups
see the network differently (an insurer feels less part of the identity than a GP
organisation, say). Items of one construct therefore correlate as in real scans. Open answers
come from a pool of the coalition's own field (`COALITION_OPEN_ANSWERS`: a pharmacy coalition
talks about medication reviews, a learning network about what it learns), else from the
general `OPEN_ANSWERS`. The same
seed always gives the same files; `netwerkscan example-data` writes the shipped inputs."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from pipeline.core.instrument import (
    RELATION_SEPARATOR,
    RESPONDENT_ID,
    Instrument,
    load_instrument,
)
from pipeline.tools.template_file import template_columns

# How each actor group tends to differ from the coalition's level, per construct group.
ACTOR_EFFECTS: dict[str, dict[str, float]] = {
    "huisartsen": {"bouwsteen": 0.15, "rol": 0.0, "regie": 0.1},
    "ziekenhuis": {"bouwsteen": 0.0, "rol": 0.2, "regie": -0.1},
    "zorgverzekeraar": {"bouwsteen": -0.45, "rol": -0.2, "ecosysteem": -0.3},
    "vvt": {"bouwsteen": 0.2, "ecosysteem": 0.2},
    "ggz": {"bouwsteen": -0.2, "regie": -0.2},
    "gemeente": {"bouwsteen": 0.1, "ecosysteem": 0.3},
    "welzijn": {"bouwsteen": 0.3, "ecosysteem": 0.35},
    "burgers": {"bouwsteen": -0.6, "rol": -0.4, "gedrag": -0.3},
    "apotheek": {},
    "overig": {},
}
POSITIONS = (("bestuurder", 0.2), ("programmabureau", 0.08), ("coordinator", 0.15), ("deelnemer", 0.57))
OPEN_ANSWERS = {
    "open_goed": [
        "De sfeer in de overleggen is open en we kennen elkaar steeds beter.",
        "Het programmabureau houdt de lijnen goed bij elkaar.",
        "We hebben samen een duidelijke opgave voor de regio geformuleerd.",
        "De samenwerking tussen huisartsen en wijkteams is echt verbeterd.",
        "Er is ruimte om te experimenteren met nieuwe initiatieven.",
        "Goede kennisdeling tijdens de netwerkbijeenkomsten.",
        "Bestuurders tonen zich betrokken en komen hun afspraken na.",
    ],
    "open_beter": [
        "Besluiten worden te vaak vooruitgeschoven; wie hakt de knoop door?",
        "De stem van inwoners en cliënten ontbreekt nog te veel.",
        "Er is te weinig tijd en budget om de plannen echt uit te voeren.",
        "Het is niet altijd duidelijk wie wat doet tussen de overleggen door.",
        "De zorgverzekeraar zit er vooral als financier bij, niet als partner.",
        "Te veel overleg, te weinig concrete resultaten.",
        "Nieuwe partijen weten niet goed hoe ze kunnen aansluiten.",
    ],
    "open_prioriteit": [
        "Een gezamenlijke aanpak voor kwetsbare ouderen thuis.",
        "Heldere spelregels over mandaat en besluitvorming.",
        "Structurele financiering van het netwerkbureau.",
        "Inwoners echt betrekken bij de koers van het netwerk.",
        "Minder pilots, meer opschalen wat werkt.",
        "De wachttijden in de GGZ samen aanpakken.",
    ],
}
# Open answers per example coalition, in its own field and with its own parties: a pharmacy
# coalition talks about medication reviews, not about waiting lists in mental health care.
# Each list is as long as its default in OPEN_ANSWERS, so that the draws (and with them every
# other answer) stay as they were. A few carry an e-mail address or phone number, which the
# ingest masks before anything is shown.
COALITION_OPEN_ANSWERS: dict[str, dict[str, list[str]]] = {
    "leernetwerk-heidemeer": {
        "open_goed": [
            "De casusbesprekingen over mensen met dementie thuis zijn leerzaam; ik neem er altijd iets van mee.",
            "Mooi dat mantelzorgers zelf vertellen waar ze tegenaan lopen.",
            "Er is een open sfeer: je kunt ook vertellen wat er misging.",
            "Het werkbezoek aan het ontmoetingscentrum was inspirerend.",
            "We kennen elkaar nu: ik weet welke casemanager dementie ik bij de andere organisaties kan bellen.",
            "Een goede mix van huisartsen, wijkverpleging en welzijn aan tafel.",
            "De bijeenkomsten zijn goed voorbereid en het verslag komt snel.",
        ],
        "open_beter": [
            "De huisartsen zijn maar zelden aan tafel, terwijl we hun blik hard nodig hebben.",
            "We praten veel, maar wat we leren komt nog te weinig op de werkvloer terecht.",
            "Het thema van de volgende bijeenkomst hoor ik vaak pas een week van tevoren.",
            "Te weinig tijd om de bijeenkomsten voor te bereiden naast het gewone werk.",
            "De gemeente mag vaker aanschuiven; zij ziet de signalen in de wijk als eerste.",
            "Niet iedereen durft in de grote groep een lastige casus in te brengen.",
            "Kunnen de presentaties achteraf op één plek komen? Nu vraag ik ze steeds los op via "
            "m.bosman@zorggroep-heidemeer.example.",
        ],
        "open_prioriteit": [
            "Een gezamenlijke leeragenda voor het komende jaar.",
            "Vaker op werkbezoek bij elkaar in de praktijk.",
            "Mantelzorgers en mensen met dementie zelf vaker laten meepraten.",
            "Kennis over vroegsignalering delen met de huisartsenpraktijken.",
            "Intervisie in kleine groepen naast de grote bijeenkomsten.",
            "Zorgen dat nieuwe collega's weten dat het leernetwerk bestaat.",
        ],
    },
    "samenwerking-kempenrode": {
        "open_goed": [
            "De huisartsen en de gemeenten weten elkaar sneller te vinden dan een jaar geleden.",
            "Het plan voor de wijkverpleging is eindelijk rond.",
            "Iedereen komt trouw naar de overleggen.",
            "De werkgroep GGZ en huisartsen levert concrete afspraken op.",
            "Goed dat we de knelpunten nu hardop benoemen.",
            "Korte lijnen met de VVT-aanbieders in het noorden van de regio.",
            "De voorzitter leidt de vergaderingen strak en zakelijk.",
        ],
        "open_beter": [
            "Er is weinig vertrouwen tussen de grote zorgaanbieders; iedereen let op het eigen belang.",
            "Onduidelijk wie er uiteindelijk beslist: wij samen, of de besturen thuis?",
            "Afspraken worden in de wandelgangen gemaakt en niet in het overleg.",
            "Met drie gemeenten aan tafel duurt elk besluit maanden.",
            "De zorgverzekeraar stelt zich op als inkoper, niet als partner.",
            "Er zijn geen vaste spelregels over wie wat betaalt.",
            "De verslagen komen laat; ik stuur ze nu zelf rond vanaf j.smeets@huisartsen-kempenrode.example.",
        ],
        "open_prioriteit": [
            "Spelregels over mandaat en besluitvorming op papier zetten.",
            "Eerst werken aan vertrouwen, dan pas aan nieuwe projecten.",
            "Een onafhankelijke voorzitter of procesbegeleider.",
            "Eén gezamenlijke aanpak voor de wachtlijsten in de GGZ.",
            "Afspraken met de zorgverzekeraar over meerjarige financiering.",
            "Minder onderwerpen tegelijk; kiezen waar we echt samen voor gaan.",
        ],
    },
    "acute-zorg-zuidervaart": {
        "open_goed": [
            "De afspraken tussen de huisartsenpost en de spoedeisende hulp werken in de praktijk.",
            "Het ziekenhuis neemt de regie en zorgt dat er vaart in zit.",
            "Korte lijnen bij drukte op de SEH; we bellen elkaar direct.",
            "Het capaciteitsoverleg in de winter heeft echt geholpen.",
            "Goede afspraken over spoedopnames in de ouderenzorg.",
            "De evaluaties na een drukke periode zijn eerlijk en leerzaam.",
            "Het dashboard met de beschikbare bedden per dag is een verbetering.",
        ],
        "open_beter": [
            "Het ziekenhuis bepaalt te veel; de anderen schuiven aan bij een agenda die al vastligt.",
            "Niemand kijkt vooruit naar nieuwe ontwikkelingen, we zijn vooral brandjes aan het blussen.",
            "De acute GGZ valt nog te vaak buiten de afspraken.",
            "Bij een crisis 's nachts weet ik niet wie ik bij de gemeente moet bellen.",
            "Te weinig personeel om de afspraken ook in het weekend na te komen.",
            "Patiënten worden nog te vaak heen en weer gestuurd tussen huisartsenpost en SEH.",
            "Bel me gerust voor een toelichting: 06-41752983, of mail naar r.dekker@hapzuidervaart.example.",
        ],
        "open_prioriteit": [
            "Iemand die nieuwe initiatieven in de acute zorg opspoort en partijen bij elkaar brengt.",
            "Eén regionaal aanspreekpunt voor acute plaatsingen in de ouderenzorg.",
            "De acute GGZ echt aan tafel krijgen.",
            "De afspraken over de capaciteit in zomer en winter op tijd rond hebben.",
            "Gezamenlijke triage door de huisartsenpost en de SEH.",
            "Inwoners beter vertellen waar ze 's avonds en in het weekend terechtkunnen.",
        ],
    },
    "wijkzorg-oosterbroek": {
        "open_goed": [
            "De wijkteams en de huisartsen kennen elkaar inmiddels goed.",
            "Het programma valpreventie loopt en we zien de eerste resultaten.",
            "Het netwerkbureau houdt de lijnen goed bij elkaar.",
            "Bewoners worden aan de wijktafels echt gehoord.",
            "Wijkverpleging en welzijn pakken signalen samen op.",
            "Fijn dat de gemeente meedenkt in plaats van alleen te financieren.",
            "Er is ruimte om in een wijk iets nieuws uit te proberen.",
        ],
        "open_beter": [
            "Het gezamenlijke verhaal van vorig jaar is wat weggezakt; waar staan we nu voor?",
            "Het ziekenhuis is in de wijk nauwelijks zichtbaar.",
            "De wijkteams hebben geen tijd voor overleg bovenop het gewone werk.",
            "Nieuwe partijen weten niet goed hoe ze kunnen aansluiten.",
            "Er lopen te veel pilots naast elkaar in verschillende wijken.",
            "De GGZ zou vaker in het wijkteam moeten meedraaien.",
            "Wat de wijkteams ophalen, hoort de werkvloer niet terug. Stuur het verslag ook naar mij: "
            "l.vermeulen@welzijn-oosterbroek.example.",
        ],
        "open_prioriteit": [
            "Valpreventie uitbreiden naar alle wijken.",
            "Samen opnieuw vaststellen waar de coalitie voor staat.",
            "Eén aanspreekpunt per wijk voor huisartsen en wijkverpleging.",
            "Mantelzorgers in de wijk beter ondersteunen.",
            "Structurele financiering van het netwerkbureau.",
            "Minder pilots, meer opschalen wat werkt.",
        ],
    },
    "farmacie-duinstede": {
        "open_goed": [
            "De medicatiebeoordelingen samen met de huisartsen lopen goed.",
            "Apothekers en huisartsen vertrouwen elkaar en durven elkaar aan te spreken.",
            "De overdracht van medicatiegegevens bij ontslag uit het ziekenhuis is echt beter geworden.",
            "We hebben een duidelijk gezamenlijk doel: veilig medicijngebruik thuis.",
            "Het FTO is goed voorbereid en levert concrete afspraken op.",
            "Goede kennisdeling tussen de apotheken onderling.",
            "De zorgverzekeraar denkt mee over de bekostiging van de medicatiebeoordeling.",
        ],
        "open_beter": [
            "Niemand heeft tijd om de coalitie naast het werk in de apotheek te organiseren.",
            "We missen iemand die de projecten bewaakt en de planning bijhoudt.",
            "Het ziekenhuis schuift zelden aan bij het overleg.",
            "De afspraken over herhaalrecepten zijn nog niet in alle praktijken bekend.",
            "Te weinig ondersteuning voor de ICT rond het medicatieoverzicht.",
            "Besluiten blijven liggen omdat niet duidelijk is wie ze neemt.",
            "Vragen over het medicatieproject kunnen naar mij: s.kok@apotheekdelinde.example of 0612345678.",
        ],
        "open_prioriteit": [
            "Een vaste coördinator voor de farmaciecoalitie.",
            "De medicatieoverdracht bij ontslag sluitend maken.",
            "Meer aandacht voor therapietrouw bij kwetsbare ouderen thuis.",
            "Heldere afspraken over wie wat betaalt.",
            "De wijkverpleging erbij betrekken bij medicatie thuis.",
            "Samen met de huisartsen herhaalrecepten zonder controle terugdringen.",
        ],
    },
}


@dataclass
class CoalitionSpec:
    """What a fictional coalition is like; the generator turns it into files."""

    slug: str
    name: str
    region: str
    network_type: str
    declared_mode: str
    organisations: list[tuple[str, str, str]]        # code, name, actortype
    respondents: int
    level: float = 3.6                                # the coalition's general level (1-5 scale)
    construct_levels: dict[str, float] = field(default_factory=dict)
    trust: float = 3.0                                # mean relational trust (1-4)
    seen_mode_agreement: float = 0.75                 # share of members seeing the declared mode
    unfilled_role: str | None = None
    waves: dict[str, float] = field(default_factory=lambda: {"2026": 0.0})   # wave -> change in level
    theme_coalitions: list[str] = field(default_factory=list)
    file_format: str = "csv-semicolon-cp1252"
    identifying_columns: bool = False
    org_weights: list[float] | None = None
    host: dict[str, str] = field(default_factory=dict)   # lead_organisation or network_office -> code
    response_share: float | None = 0.7                # share of the invited who answer; None: no `invited:`


def _orgs(prefix: str, town: str, kinds: list[str]) -> list[tuple[str, str, str]]:
    names = {
        "huisartsen": f"Huisartsencoöperatie {town}", "ziekenhuis": f"{town} Medisch Centrum",
        "zorgverzekeraar": "Zorgverzekeraar Zilverduin", "vvt": f"Zorggroep {town}",
        "ggz": f"GGZ {town}", "gemeente": f"Gemeente {town}", "welzijn": f"Welzijn {town}",
        "burgers": f"Cliëntenraad {town}", "apotheek": f"Apotheek De Linde {town}",
        "overig": f"Stichting Mantelzorg {town}",
    }
    seen: dict[str, int] = {}
    out = []
    for kind in kinds:
        seen[kind] = seen.get(kind, 0) + 1
        suffix = "" if seen[kind] == 1 else f" {['', '', 'Noord', 'Zuid', 'Oost', 'West'][seen[kind]]}"
        code = f"{prefix}-{kind}" + ("" if seen[kind] == 1 else f"-{seen[kind]}")
        out.append((code, names[kind] + suffix, kind))
    return out


EXAMPLE_SPECS = [
    CoalitionSpec(
        "zorgnetwerk-lindeveld", "Zorgnetwerk Lindeveld", "Lindeveld en Ommeren", "combinatie", "netwerkbureau",
        _orgs("lv", "Lindeveld", ["huisartsen", "huisartsen", "ziekenhuis", "zorgverzekeraar", "vvt", "vvt", "ggz",
                                   "gemeente", "gemeente", "welzijn", "burgers", "apotheek"]),
        respondents=164, level=3.55, construct_levels={"fundament": 3.3, "rol_verkenner": 3.0}, trust=2.9,
        waves={"2025": -0.35, "2026": 0.0, "2024": -0.6},     # 2024 added later: a trend over three waves
        theme_coalitions=["Kerncoalitie zorg en cure", "Farmaciecoalitie", "GGZ-coalitie"],
        file_format="xlsx", identifying_columns=True,
    ),
    CoalitionSpec(
        "leernetwerk-heidemeer", "Leernetwerk Dementie Heidemeer", "Heidemeer", "leernetwerk", "zelfregulerend",
        _orgs("hm", "Heidemeer", ["huisartsen", "vvt", "vvt", "welzijn", "burgers", "gemeente", "ggz"]),
        respondents=26, level=3.9, construct_levels={"ambities": 3.3, "taakgericht": 2.6}, trust=3.3,
        org_weights=[1, 4, 4, 3, 1, 1, 1], file_format="csv-comma-utf8-bom",
    ),
    CoalitionSpec(
        "samenwerking-kempenrode", "Samenwerkingsverband Kempenrode", "Kempenrode", "samenwerkingsverband",
        "zelfregulerend",
        _orgs("kr", "Kempenrode", ["huisartsen", "huisartsen", "ziekenhuis", "zorgverzekeraar", "vvt", "vvt", "vvt",
                                   "ggz", "ggz", "gemeente", "gemeente", "gemeente", "welzijn", "burgers"]),
        respondents=72, level=3.2, construct_levels={"vertrouwen": 2.6, "doelconsensus": 3.3,
                                                      "netwerkcompetenties": 4.3, "fundament": 2.7},
        trust=2.3, seen_mode_agreement=0.4, file_format="csv-semicolon-cp1252", identifying_columns=True,
    ),
    CoalitionSpec(
        "acute-zorg-zuidervaart", "Netwerk Acute Zorg Zuidervaart", "Zuidervaart", "samenwerkingsverband",
        "leidende_organisatie",
        _orgs("zv", "Zuidervaart", ["ziekenhuis", "huisartsen", "huisartsen", "vvt", "ggz", "zorgverzekeraar",
                                    "gemeente"]),
        respondents=48, level=3.5, construct_levels={"rol_verkenner": 2.3, "vertrouwen": 2.9,
                                                      "doelconsensus": 3.1, "netwerkcompetenties": 3.4},
        trust=2.7, unfilled_role="verkenner", file_format="csv-tab-utf8-texts",
        host={"lead_organisation": "zv-ziekenhuis"},
    ),
    CoalitionSpec(
        "wijkzorg-oosterbroek", "Coalitie Wijkzorg Oosterbroek", "Oosterbroek", "combinatie", "netwerkbureau",
        _orgs("ob", "Oosterbroek", ["huisartsen", "vvt", "vvt", "welzijn", "gemeente", "ggz", "zorgverzekeraar",
                                    "burgers", "ziekenhuis"]),
        respondents=58, level=3.7, construct_levels={"netwerkcompetenties": 4.0},
        trust=3.0, waves={"2025": 0.3, "2026": 0.0}, theme_coalitions=["Wijkteams", "Valpreventie"],
        file_format="csv-semicolon-cp1252",
    ),
    CoalitionSpec(
        "farmacie-duinstede", "Farmaciecoalitie Duinstede", "Duinstede", "samenwerkingsverband",
        "zelfregulerend",
        _orgs("ds", "Duinstede", ["apotheek", "apotheek", "huisartsen", "ziekenhuis", "zorgverzekeraar"]),
        respondents=31, level=4.0, construct_levels={"identiteit": 4.3, "doelconsensus": 4.2,
                                                      "netwerkcompetenties": 2.4, "vertrouwen": 4.1},
        trust=3.5, seen_mode_agreement=0.85, file_format="csv-comma-utf8",
    ),
]


def open_answers(spec: CoalitionSpec) -> dict[str, list[str]]:
    """The open answers respondents of this coalition give: its own, else the general pool."""
    return COALITION_OPEN_ANSWERS.get(spec.slug, OPEN_ANSWERS)


def coalition_yaml(spec: CoalitionSpec, invited: list[int] | None = None) -> str:
    """The coalition file; `invited` (per organisation, in roster order) adds `invited:` lines."""
    organisations: list[dict[str, str | int]] = [{"code": c, "name": n, "actortype": t}
                                                 for c, n, t in spec.organisations]
    for organisation, count in zip(organisations, invited or [], strict=False):
        organisation["invited"] = count
    doc = {
        "name": spec.name, "region": spec.region, "network_type": spec.network_type,
        "declared_mode": spec.declared_mode, **spec.host,
        **({"theme_coalitions": spec.theme_coalitions} if spec.theme_coalitions else {}),
        "organisations": organisations,
    }
    return "# Fictional example coalition, written by `netwerkscan example-data`.\n" + yaml.safe_dump(
        doc, allow_unicode=True, sort_keys=False)


def _likert(latent: float) -> float:
    return float(np.clip(np.rint(latent), 1, 5))


def in_coalition(holder: str, holders: list[str], spec: CoalitionSpec) -> str:
    """A role holder respondents of this coalition can name: a type of party it has, or a
    position. A drawn type the coalition lacks is swapped for one it has, chosen by position in
    the list, so the random draws (and with them every other answer) stay as they were."""
    present = {kind for _, _, kind in spec.organisations}
    # the pharmacies were "overig" before the questionnaire had a type of their own: the draw
    # still says "overig", and the answer names the pharmacies
    pharmacy = "apotheek" in present and "overig" not in present
    allowed = [h for h in holders if h in present or h in dict(POSITIONS) or (pharmacy and h == "overig")]
    named = holder if holder in allowed else allowed[holders.index(holder) % len(allowed)]
    return "apotheek" if pharmacy and named == "overig" else named


def generate_responses(spec: CoalitionSpec, wave: str, instrument: Instrument, seed: int) -> list[dict[str, object]]:
    """One dict per respondent, keyed by column, with codes and numbers (not yet formatted)."""
    rng = np.random.default_rng(seed)
    shift = spec.waves[wave]
    n = spec.respondents + (int(rng.integers(-6, 6)) if shift else 0)
    weights = np.array(spec.org_weights or [1.0] * len(spec.organisations), dtype=float)
    org_index = rng.choice(len(spec.organisations), size=n, p=weights / weights.sum())
    constructs = list(instrument.constructs.values())
    item_offset = {code: rng.normal(0, 0.2) for code in instrument.items}
    pair_tie = rng.uniform(0, 1, size=(len(spec.organisations),) * 2)
    pair_tie = (pair_tie + pair_tie.T) / 2
    roles = [o.code for o in instrument.option_sets["rol"]]
    # "gezamenlijk" and "apotheek" came later to the questionnaire: left out of the draw, so that the
    # seeded examples stay as they were ("overig" stands for "apotheek" where a coalition has pharmacies)
    holders = [o.code for o in instrument.option_sets["rolhouder"]
               if o.code not in ("niemand", "gezamenlijk", "apotheek")]
    role_holders = {r: [in_coalition(h, holders, spec) for h in rng.choice(holders, size=3, replace=False)]
                    for r in roles}
    rows = []
    for r in range(n):
        code, _, kind = spec.organisations[org_index[r]]
        effects = ACTOR_EFFECTS.get(kind, {})
        general = rng.normal(0, 0.4)
        position = rng.choice([p for p, _ in POSITIONS], p=[w for _, w in POSITIONS])
        row: dict[str, object] = {
            RESPONDENT_ID: f"R{wave[-2:]}{r + 1:04d}", "organisatie": code, "actortype": kind,
            "basis": rng.choice(["persoonlijke_titel", "namens_organisatie", "namens_achterban"], p=[.15, .7, .15]),
            "betrokkenheid": rng.choice(["kern", "actief", "betrokken", "op_afstand"], p=[.2, .4, .3, .1]),
            "positie": position,
        }
        half_filled = rng.random() < 0.04
        for construct in constructs:
            level = spec.construct_levels.get(construct.code, spec.level) + shift
            view = rng.normal(0, 0.35)
            if construct.code == f"rol_{spec.unfilled_role}":
                level -= 0.3
            for item in instrument.items_of(construct.code):
                value = level + general + view + effects.get(construct.group, 0.0) + item_offset[item.code]
                value = _likert(value + rng.normal(0, 0.45))
                if item.reverse:
                    value = 6 - value
                draw = rng.random()
                row[item.code] = "weet_niet" if draw < 0.03 else (None if draw < 0.05 or half_filled and
                                                                  rng.random() < 0.7 else int(value))
        for role in roles:
            chosen: set[str] = set()
            if role == spec.unfilled_role:
                chosen.add("niemand" if rng.random() < 0.8 else in_coalition(str(rng.choice(holders)), holders, spec))
            else:
                chosen.update(str(h) for h in role_holders[role] if rng.random() < 0.55)
                if not chosen:
                    chosen.add("niemand" if rng.random() < 0.15 else str(role_holders[role][0]))
            row[f"wie_{role}"] = sorted(chosen) if rng.random() > 0.08 else None
        own = [role for role in roles if role != spec.unfilled_role and
               rng.random() < (0.45 if position in ("programmabureau", "coordinator") else 0.15)]
        row["eigen_rollen"] = own
        if rng.random() < 0.12:
            row["regievorm"] = "weet_niet"
        elif rng.random() < spec.seen_mode_agreement:
            row["regievorm"] = spec.declared_mode
        else:
            row["regievorm"] = str(rng.choice([m for m in ("netwerkbureau", "zelfregulerend", "leidende_organisatie")
                                               if m != spec.declared_mode]))
        for j, (other, _, _) in enumerate(spec.organisations):
            if other == code:
                continue
            tie = pair_tie[org_index[r], j]
            known = rng.random() < 0.9
            row[f"rel_intensiteit{RELATION_SEPARATOR}{other}"] = (
                int(np.clip(np.rint(tie * 3 + rng.normal(0, .5)), 0, 3)) if known else None)
            row[f"rel_vertrouwen{RELATION_SEPARATOR}{other}"] = (
                int(np.clip(np.rint(spec.trust + shift * 0.5 + (tie - .5) + rng.normal(0, .6)), 1, 4))
                if known and tie > 0.15 else None)
        for question, answers_ in open_answers(spec).items():
            row[question] = str(rng.choice(answers_)) if rng.random() < 0.35 else None
        if spec.identifying_columns:
            row["Naam"] = f"Deelnemer {r + 1}"
            row["E-mail"] = f"deelnemer{r + 1}@voorbeeld.example"
        rows.append(row)
    return rows


def response_columns(spec: CoalitionSpec, instrument: Instrument) -> list[str]:
    """The template's columns, plus the name and e-mail columns some survey tools add."""
    # the shipped examples predate the theme coalition question: their files stay as they were
    columns = template_columns(instrument, [code for code, _, _ in spec.organisations], themes=False)
    return columns[:1] + (["Naam", "E-mail"] if spec.identifying_columns else []) + columns[1:]


def format_cell(value: object, column: str, instrument: Instrument, lang: str, as_labels: bool) -> object:
    """Codes to what a survey tool exports: labels or numbers, '; '-joined choices."""
    if value is None:
        return None
    if value == "weet_niet":
        return "weet niet" if lang == "nl" else "don't know"
    if isinstance(value, list):
        return "; ".join(value)
    if as_labels and column in instrument.items and isinstance(value, (int, float)):
        return instrument.scales[instrument.items[column].scale].label(int(value), lang)
    return value


def write_responses(path: Path, rows: list[dict], columns: list[str], spec: CoalitionSpec,
                    instrument: Instrument) -> None:
    fmt = spec.file_format
    as_labels = "cp1252" in fmt
    table = [[format_cell(row.get(c), c, instrument, "nl", as_labels) for c in columns] for row in rows]
    if fmt == "xlsx":
        import openpyxl

        from pipeline.core.xlsx import save_reproducibly

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Antwoorden"
        sheet.append(columns)
        for values in table:
            sheet.append(values)
        save_reproducibly(book, path)
        return
    delimiter = {"semicolon": ";", "comma": ",", "tab": "\t"}[fmt.split("-")[1]]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if "cp1252" in fmt else "\n")
    writer.writerow(columns)
    if fmt.endswith("texts"):  # a second header row with question texts, as survey tools export
        writer.writerow([instrument.text_of(c, "nl") if (c in instrument.items or c in instrument.questions) else ""
                         for c in columns])
    writer.writerows([["" if v is None else v for v in values] for values in table])
    encoding = "cp1252" if "cp1252" in fmt else ("utf-8-sig" if "bom" in fmt else "utf-8")
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_coalition(spec: CoalitionSpec, out_dir: Path, seed: int, instrument: Instrument | None = None) -> Path:
    instrument = instrument or load_instrument()
    folder = out_dir / spec.slug
    folder.mkdir(parents=True, exist_ok=True)
    columns = response_columns(spec, instrument)
    rows: list[dict[str, object]] = []
    # seeds follow the order the waves were added in, so that adding an earlier wave leaves
    # the files of the others as they were
    for offset, wave in enumerate(spec.waves):
        rows = generate_responses(spec, wave, instrument, seed=seed + offset)
        suffix = ".xlsx" if spec.file_format == "xlsx" else ".csv"
        write_responses(folder / f"{wave}{suffix}", rows, columns, spec, instrument)
    (folder / "coalition.yaml").write_text(coalition_yaml(spec, invited_counts(spec, rows, seed)), encoding="utf-8")
    return folder


def invited_counts(spec: CoalitionSpec, rows: list[dict[str, object]], seed: int) -> list[int] | None:
    """People invited per organisation for the newest wave's `rows`: its respondents over a
    response share that varies around the spec's (never fewer than responded); an
    organisation nobody answered for was still invited. A separate random stream, so that the
    answers stay the same with or without it."""
    if spec.response_share is None:
        return None
    rng = np.random.default_rng(seed + 7)
    counts = [sum(row["organisatie"] == code for row in rows) for code, _, _ in spec.organisations]
    shares = np.clip(spec.response_share + rng.normal(0, 0.12, size=len(counts)), 0.35, 0.95)
    return [max(n, round(n / share)) if n else int(rng.integers(2, 6)) for n, share in zip(counts, shares, strict=True)]


def write_examples(out_dir: Path | str, seed: int = 2026) -> list[Path]:
    out_dir = Path(out_dir)
    return [write_coalition(spec, out_dir, seed + 100 * n) for n, spec in enumerate(EXAMPLE_SPECS)]


def synthetic_specs(count: int, seed: int = 7, respondents: int = 40) -> list[CoalitionSpec]:
    """Many plausible coalitions for tests and benchmarks, varied from the examples."""
    rng = np.random.default_rng(seed)
    specs = []
    for n in range(count):
        base = EXAMPLE_SPECS[n % len(EXAMPLE_SPECS)]
        specs.append(CoalitionSpec(
            f"coalitie-{n + 1:04d}", f"Coalitie {n + 1}", base.region, base.network_type, base.declared_mode,
            base.organisations, respondents=respondents, level=float(rng.uniform(3.0, 4.2)),
            construct_levels=dict(base.construct_levels), trust=float(rng.uniform(2.2, 3.6)),
            unfilled_role=base.unfilled_role, file_format="csv-comma-utf8",
        ))
    return specs
