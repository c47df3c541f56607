"""Word lists and sentence templates for the demo, so invented proposals read like real ones."""

from random import Random

NAME_FIRST = (
    "Bright", "Civic", "Open", "Green", "Thames", "Kind", "Bridge", "Lantern", "Commons", "Harbour",
    "Maple", "Northwind", "Oak", "Pocket", "Quay", "River", "Spark", "Tandem", "Union", "Wren",
    "Beacon", "Canal", "Docklands", "Fleet", "Hearth", "Ivy", "Juniper", "Kestrel", "Lark",
    "Meridian",
)  # fmt: skip
NAME_SECOND = (
    "Labs", "Works", "Data", "Health", "Energy", "Mobility", "Studio", "Collective", "Systems",
    "Ventures", "Digital", "Care", "Analytics", "Technologies", "Networks", "Partners",
)  # fmt: skip
NAME_ENDING = ("Ltd", "Ltd", "Ltd", "Limited", "CIC")

JUDGE_NAMES = (
    "Priya Shah", "Tom Okafor", "Helen Murray", "Kwame Mensah", "Sofia Rossi", "James Wright",
    "Aisha Rahman", "Daniel Cohen", "Grace Adeyemi", "Liam O'Connor", "Mei Chen", "Rebecca Hughes",
)  # fmt: skip

# Per statement: (what the pilot is, who it is for, the outcome it aims at).
STATEMENT_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "active-travel": (
        ("a route-planning app for quiet streets", "a workplace cycling league",
         "secure on-street bike hangars", "a walking-bus scheme for schools"),
        ("commuters", "school families", "shift workers", "new cyclists"),
        ("swap short car trips for walking and cycling", "feel safe cycling on local streets"),
    ),
    "electric-vehicles": (
        ("lamp-post chargers", "a shared charging booking platform", "kerbside charging hubs",
         "a smart-charging tariff"),
        ("flat dwellers without a driveway", "taxi drivers", "car clubs", "small delivery firms"),
        ("charge an electric vehicle near home", "charge off-peak without straining the grid"),
    ),
    "housing": (
        ("low-cost heat sensors", "a retrofit planning service", "a draught-proofing kit scheme",
         "a home energy coaching app"),
        ("council tenants", "private renters", "housing associations", "older homeowners"),
        ("cut fuel bills", "keep homes warm with less energy"),
    ),
    "dementia": (
        ("a reminiscence tablet app", "discreet home sensors", "a carers' coordination tool",
         "a wayfinding wristband"),
        ("people living with dementia", "family carers", "care home staff", "GP practices"),
        ("live safely at home for longer", "reduce crisis admissions"),
    ),
    "loneliness": (
        ("a neighbour-matching service", "a telephone friendship line", "pop-up community cafés",
         "a social prescribing directory"),
        ("older people living alone", "new parents", "recent arrivals to London", "carers"),
        ("build lasting connections with neighbours", "find local groups and activities"),
    ),
    "physical-activity": (
        ("free park fitness sessions", "an activity-tracking reward scheme",
         "a women-only exercise programme", "a family sports club"),
        ("the least active residents", "teenage girls", "families on low incomes",
         "disabled people"),
        ("move for thirty minutes a day", "join and stay in local sport"),
    ),
    "financial-inclusion": (
        ("a budgeting chatbot", "a savings club app", "a no-interest loan circle",
         "a benefits checker"),
        ("young people leaving care", "gig-economy workers", "low-income families", "pensioners"),
        ("avoid high-cost credit", "build a small savings buffer", "claim what they are owed"),
    ),
}  # fmt: skip

COMMENTS = {
    "high": (
        "A strong, clearly evidenced proposal with a realistic plan.",
        "Impressive team and a pilot that could grow across London.",
    ),
    "mid": (
        "A promising idea; the plan needs more detail on risks and costs.",
        "Good understanding of the problem, but the evidence of demand is thin.",
    ),
    "low": (
        "The link between the idea and the challenge is not yet clear.",
        "The milestones are vague and the costs are not explained.",
    ),
}
PANEL_NOTES = (
    "Worth discussing: the partner may already run something similar.",
    "Check the data protection plan before any award.",
    "Could pair well with another proposal on the same statement.",
    "Costs look low for the scope; ask how they will be met.",
)


def organisation_name(rng: Random) -> str:
    return f"{rng.choice(NAME_FIRST)} {rng.choice(NAME_SECOND)} {rng.choice(NAME_ENDING)}"


def website(name: str) -> str:
    words = [w for w in name.lower().split() if w not in {"ltd", "limited", "cic"}]
    return f"https://{'-'.join(words)}.example"


def proposal_text(rng: Random, statement: str, organisation: str, boroughs: list[str]) -> dict:
    """Title, summary, problem, solution, impact and milestones for one proposal."""
    things, people, outcomes = STATEMENT_WORDS[statement]
    thing, who, outcome = rng.choice(things), rng.choice(people), rng.choice(outcomes)
    places = " and ".join(boroughs)
    return {
        "title": f"{thing[0].upper()}{thing[1:]} for {who}",
        "summary": f"{organisation} will pilot {thing} in {places} to help {who} {outcome}.",
        "problem": f"Many {who} in London find it hard to {outcome}. Existing services reach few "
        f"of them, and those they do reach often drop out within weeks.",
        "solution": f"We will build and test {thing}, designed with {who} from the start and run "
        f"with local partners in {places}.",
        "impact": f"We expect around {rng.randrange(50, 800, 10)} {who} to take part, and will "
        f"measure how many {outcome} six months on.",
        "milestones": "Month 1: recruit participants and partners. Months 2-4: run the pilot. "
        "Month 5: measure results. Month 6: report and plan next steps.",
    }


def comment_for(total: float | None, rng: Random) -> str:
    if total is None:
        return ""
    band = "high" if total >= 70 else "mid" if total >= 45 else "low"
    return rng.choice(COMMENTS[band])
