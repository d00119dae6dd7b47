"""Pools of invented names: people, towns, regions, outlets' reporters.

Towns are built from syllables so a large benchmark has many thousands of distinct
places; people combine first names and surnames from many languages.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FIRST_NAMES: tuple[str, ...] = tuple(
    [
        "Adaeze",
        "Agnes",
        "Aiko",
        "Alana",
        "Alasdair",
        "Aleksander",
        "Amara",
        "Anders",
        "Anneke",
        "Arjun",
        "Astrid",
        "Aurelio",
        "Beatriz",
        "Benedikt",
        "Bilal",
        "Bronwen",
        "Callum",
        "Camille",
        "Carys",
        "Cedric",
        "Chiara",
        "Cormac",
        "Dalia",
        "Damian",
        "Darius",
        "Delphine",
        "Desmond",
        "Dimitra",
        "Eamon",
        "Edith",
        "Efua",
        "Eleni",
        "Elias",
        "Elspeth",
        "Emeka",
        "Esther",
        "Fabian",
        "Farida",
        "Fenella",
        "Fergus",
        "Fiona",
        "Florin",
        "Gareth",
        "Greta",
        "Gwendolyn",
        "Hamish",
        "Hana",
        "Helga",
        "Hugo",
        "Idris",
        "Ilse",
        "Imogen",
        "Ines",
        "Ingrid",
        "Isidore",
        "Jasper",
        "Joaquim",
        "Jolanta",
        "Josephine",
        "Jovan",
        "Kasimir",
        "Katja",
        "Kenji",
        "Kerstin",
        "Kwame",
        "Lachlan",
        "Leona",
        "Linnea",
        "Lorcan",
        "Lucinda",
        "Magnus",
        "Malak",
        "Marguerite",
        "Marisol",
        "Matthias",
        "Meera",
        "Mireille",
        "Morwenna",
        "Nadia",
        "Niamh",
        "Nikolai",
        "Noor",
        "Odile",
        "Oisin",
        "Olamide",
        "Oren",
        "Orla",
        "Otto",
        "Padraig",
        "Paloma",
        "Petra",
        "Priya",
        "Quentin",
        "Rafaela",
        "Ramon",
        "Rhiannon",
        "Rosalind",
        "Rufus",
        "Saoirse",
        "Selim",
        "Seraphina",
        "Sigrid",
        "Solveig",
        "Stellan",
        "Tamsin",
        "Teodor",
        "Thandiwe",
        "Tobias",
        "Ulrike",
        "Valentina",
        "Vesna",
        "Wilhelmina",
        "Xavier",
        "Yara",
        "Yusuf",
        "Zofia",
        "Zoltan",
    ]
)

SURNAMES: tuple[str, ...] = tuple(
    [
        "Abernethy",
        "Achterberg",
        "Adeyemi",
        "Albescu",
        "Aldridge",
        "Amundsen",
        "Ashdown",
        "Baptiste",
        "Barraclough",
        "Bellweather",
        "Blackwood",
        "Bramhall",
        "Brennagh",
        "Caldicott",
        "Carvalho",
        "Castellane",
        "Chadwick",
        "Cheverton",
        "Corrigan",
        "Dalgleish",
        "Dellacroix",
        "Drummond",
        "Dunleavy",
        "Eckersley",
        "Ekwueme",
        "Ellingham",
        "Eriksdottir",
        "Esterhazy",
        "Falconer",
        "Farquhar",
        "Fennimore",
        "Ferreira",
        "Fitzalan",
        "Gallacher",
        "Garroway",
        "Greenhalgh",
        "Grimaldi",
        "Haldane",
        "Halloran",
        "Hargreaves",
        "Hartigan",
        "Heathcote",
        "Holloway",
        "Illingworth",
        "Ishikawa",
        "Jablonski",
        "Jardine",
        "Kavanagh",
        "Kellerman",
        "Kilbride",
        "Kowalczyk",
        "Lachance",
        "Langridge",
        "Lindqvist",
        "Llewellyn",
        "Lomax",
        "Macready",
        "Mallory",
        "Marchetti",
        "Mbeki",
        "Merriweather",
        "Montague",
        "Mortimer",
        "Nakagawa",
        "Nightingale",
        "Northcott",
        "Oduya",
        "Okonkwo",
        "Olabode",
        "Ormsby",
        "Pemberton",
        "Penhaligon",
        "Pettigrew",
        "Quarrie",
        "Radcliffe",
        "Rasmussen",
        "Ravenscroft",
        "Redfern",
        "Rochester",
        "Rossiter",
        "Saltonstall",
        "Sandoval",
        "Satterthwaite",
        "Sayers",
        "Sinclair",
        "Skarsgaard",
        "Sorensen",
        "Stavridis",
        "Strathearn",
        "Szabo",
        "Tallis",
        "Tennant",
        "Thistlewood",
        "Trevelyan",
        "Ulverston",
        "Vandermeer",
        "Varga",
        "Vasquez",
        "Wainwright",
        "Wetherby",
        "Whitlock",
        "Winterbourne",
        "Wolstenholme",
        "Yardley",
        "Yilmaz",
        "Zamora",
        "Zielinski",
    ]
)

_TOWN_HEADS = tuple(
    [
        "Ash",
        "Bel",
        "Bran",
        "Carr",
        "Dun",
        "Elm",
        "Fen",
        "Gar",
        "Glen",
        "Hal",
        "Hart",
        "Kel",
        "Lang",
        "Mar",
        "Mill",
        "Nor",
        "Oak",
        "Pen",
        "Quen",
        "Ros",
        "Salt",
        "Stan",
        "Thorn",
        "Ul",
        "Vale",
        "Wex",
        "Wil",
        "Yar",
        "Brack",
        "Cran",
        "Dor",
        "Ett",
        "Fal",
        "Hol",
        "Inver",
        "Lor",
        "Mor",
        "Pel",
        "Rath",
        "Tarn",
    ]
)
_TOWN_TAILS = tuple(
    [
        "bury",
        "mouth",
        "field",
        "ford",
        "bridge",
        "combe",
        "wick",
        "ton",
        "stead",
        "haven",
        "worth",
        "minster",
        "dale",
        "holm",
        "by",
        "thorpe",
        "caster",
        "leigh",
        "ham",
        "more",
        "well",
        "port",
        "gate",
    ]
)
_REGION_NAMES = tuple(
    [
        "Carrow",
        "Vellmoor",
        "Ashfell",
        "Dunmarsh",
        "Harrowdale",
        "Kestrel Coast",
        "Merrowlands",
        "Orvale",
        "Pellingshire",
        "Quarry Hills",
        "Rannoch Flats",
        "Solway Reach",
        "Tallow Downs",
        "Umberlea",
        "Westmarch",
        "Yelland Fens",
    ]
)


@dataclass(slots=True, frozen=True)
class Person:
    first: str
    last: str
    role: str
    org: str
    #: the role as a template with alternatives: each outlet words the title its own way
    role_t: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def person_name(rng: random.Random, avoid: set[str]) -> tuple[str, str]:
    """A first name and a surname whose surname is not in `avoid` (no two people share one)."""
    while True:
        last = rng.choice(SURNAMES)
        if last not in avoid:
            avoid.add(last)
            return rng.choice(FIRST_NAMES), last


def town(rng: random.Random) -> str:
    """An invented town name such as 'Kelmouth' or 'Upper Thornford'."""
    name = rng.choice(_TOWN_HEADS) + rng.choice(_TOWN_TAILS)
    r = rng.random()
    if r < 0.08:
        return "Upper " + name
    if r < 0.14:
        return "Little " + name
    if r < 0.18:
        return name + " on Sea"
    return name


def region(rng: random.Random) -> str:
    """An invented region (the 'county' or 'province' a town lies in)."""
    r = rng.random()
    base = rng.choice(_REGION_NAMES)
    if r < 0.3:
        return "North " + base
    if r < 0.45:
        return "South " + base
    return base
