# ruff: noqa: E501  (data tables read best one record per line)
"""The demo community: CARICOM's member states, institutions, people, meetings and networks.

States, codes, capitals and languages are real; populations are approximate. People are
fictional; their posts follow the structures the seeds describe (focal points, national
committees, accreditation councils, the Secretariat's Technical Action Services Unit).
"""

import datetime

from community.choices import InstitutionKind as K
from community.choices import LegalTradition as L
from community.choices import NetworkRole as R
from core.access import Visibility as V

LANGUAGES = [
    ("en", "English"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("nl", "Dutch"),
    ("ht", "Haitian Creole"),
]

OECS = "Eastern Caribbean (OECS)"
EAST = "Eastern Caribbean"
NORTH = "Northern Caribbean"
SOUTH = "Southern Caribbean"
CENTRAL = "Central America"

# iso, name, sub-region, capital, latitude, longitude, population, legal tradition, languages,
# single market. Full members first (The Bahamas, Montserrat and Haiti are not in the CSME).
FULL_MEMBERS = [
    ("AG", "Antigua and Barbuda", OECS, "St. John's", "17.12741", "-61.84677", 94000, L.COMMON_LAW, ["en"], True),
    ("BS", "The Bahamas", NORTH, "Nassau", "25.04799", "-77.35540", 400000, L.COMMON_LAW, ["en"], False),
    ("BB", "Barbados", EAST, "Bridgetown", "13.10732", "-59.62021", 282000, L.COMMON_LAW, ["en"], True),
    ("BZ", "Belize", CENTRAL, "Belmopan", "17.25101", "-88.75902", 410000, L.COMMON_LAW, ["en"], True),
    ("DM", "Dominica", OECS, "Roseau", "15.30174", "-61.38808", 72000, L.COMMON_LAW, ["en"], True),
    ("GD", "Grenada", OECS, "St. George's", "12.05644", "-61.74849", 126000, L.COMMON_LAW, ["en"], True),
    ("GY", "Guyana", SOUTH, "Georgetown", "6.80448", "-58.15527", 810000, L.COMMON_LAW, ["en"], True),
    ("HT", "Haiti", NORTH, "Port-au-Prince", "18.54349", "-72.33881", 11700000, L.CIVIL_LAW, ["fr", "ht"], False),
    ("JM", "Jamaica", NORTH, "Kingston", "17.99702", "-76.79358", 2830000, L.COMMON_LAW, ["en"], True),
    ("MS", "Montserrat", OECS, "Brades", "16.79183", "-62.21058", 4400, L.COMMON_LAW, ["en"], False),
    ("LC", "Saint Lucia", OECS, "Castries", "14.01010", "-60.98750", 180000, L.MIXED, ["en"], True),
    ("KN", "St Kitts and Nevis", OECS, "Basseterre", "17.29550", "-62.72499", 47000, L.COMMON_LAW, ["en"], True),
    (
        "VC",
        "St Vincent and the Grenadines",
        OECS,
        "Kingstown",
        "13.15527",
        "-61.22742",
        104000,
        L.COMMON_LAW,
        ["en"],
        True,
    ),
    ("SR", "Suriname", SOUTH, "Paramaribo", "5.86638", "-55.16682", 620000, L.CIVIL_LAW, ["nl"], True),
    ("TT", "Trinidad and Tobago", SOUTH, "Port of Spain", "10.66668", "-61.51889", 1370000, L.COMMON_LAW, ["en"], True),
]

ASSOCIATE_MEMBERS = [
    ("AI", "Anguilla", OECS, "The Valley", "18.21704", "-63.05783", 15800, L.COMMON_LAW, ["en"], False),
    ("BM", "Bermuda", "North Atlantic", "Hamilton", "32.29149", "-64.77797", 64000, L.COMMON_LAW, ["en"], False),
    ("VG", "British Virgin Islands", OECS, "Road Town", "18.42693", "-64.62079", 31000, L.COMMON_LAW, ["en"], False),
    ("KY", "Cayman Islands", NORTH, "George Town", "19.28692", "-81.36706", 70000, L.COMMON_LAW, ["en"], False),
    (
        "TC",
        "Turks and Caicos Islands",
        NORTH,
        "Cockburn Town",
        "21.46122",
        "-71.14188",
        46000,
        L.COMMON_LAW,
        ["en"],
        False,
    ),
]

# The three ministries every full member has: (CARICOM / foreign affairs, labour, trade),
# each as (name, acronym).
MINISTRIES = {
    "AG": (
        ("Ministry of Foreign Affairs, Agriculture, Trade and Barbuda Affairs", ""),
        ("Ministry of Legal Affairs, Public Safety, Immigration and Labour", ""),
        ("Ministry of Tourism, Civil Aviation, Transportation and Investment", ""),
    ),
    "BS": (
        ("Ministry of Foreign Affairs", "MOFA"),
        ("Ministry of Labour and the Public Service", ""),
        ("Ministry of Economic Affairs", ""),
    ),
    "BB": (
        ("Ministry of Foreign Affairs and Foreign Trade", "MFAFT"),
        ("Ministry of Labour, Social Security and the Third Sector", ""),
        ("Ministry of Energy and Business", ""),
    ),
    "BZ": (
        ("Ministry of Foreign Affairs, Foreign Trade and Immigration", "MFA"),
        ("Ministry of Rural Transformation, Community Development, Labour and Local Government", ""),
        ("Ministry of Economic Development, Investment and Commerce", ""),
    ),
    "DM": (
        ("Ministry of Foreign Affairs, International Business, Trade and Energy", ""),
        ("Ministry of Public Service Reform, Social Partnership and Labour", ""),
        ("Ministry of Trade, Commerce and Manufacturing", ""),
    ),
    "GD": (
        ("Ministry of Foreign Affairs, Trade and Export Development", ""),
        ("Ministry of Labour, Public Administration and Consumer Affairs", ""),
        ("Ministry of Economic Development, Planning, Trade and Co-operatives", ""),
    ),
    "GY": (
        ("Ministry of Foreign Affairs and International Cooperation", "MOFA"),
        ("Ministry of Labour", "MOL"),
        ("Ministry of Tourism, Industry and Commerce", "MTIC"),
    ),
    "HT": (
        ("Ministère des Affaires étrangères et des Cultes", "MAE"),
        ("Ministère des Affaires sociales et du Travail", "MAST"),
        ("Ministère du Commerce et de l'Industrie", "MCI"),
    ),
    "JM": (
        ("Ministry of Foreign Affairs and Foreign Trade", "MFAFT"),
        ("Ministry of Labour and Social Security", "MLSS"),
        ("Ministry of Industry, Investment and Commerce", "MIIC"),
    ),
    "MS": (
        ("Office of the Premier (External Affairs and CARICOM)", "OoP"),
        ("Ministry of Health and Social Services (Labour Department)", ""),
        ("Ministry of Finance and Economic Management", "MoFEM"),
    ),
    "LC": (
        ("Ministry of External Affairs, International Trade, Civil Aviation and Diaspora Affairs", ""),
        ("Ministry of Infrastructure, Ports, Energy and Labour", ""),
        ("Ministry of Commerce, Manufacturing, Business Development, Co-operatives and Consumer Affairs", ""),
    ),
    "KN": (
        ("Ministry of Foreign Affairs", ""),
        ("Ministry of Labour", ""),
        ("Ministry of International Trade, Industry, Commerce and Consumer Affairs", ""),
    ),
    "VC": (
        ("Ministry of Foreign Affairs, Foreign Trade and Regional Integration", ""),
        ("Ministry of National Mobilisation (Labour Department)", ""),
        ("Ministry of Finance, Economic Planning and Trade", ""),
    ),
    "SR": (
        ("Ministerie van Buitenlandse Zaken, Internationale Business en Internationale Samenwerking", "BIBIS"),
        ("Ministerie van Arbeid, Werkgelegenheid en Jeugdzaken", "AWJ"),
        ("Ministerie van Economische Zaken, Ondernemerschap en Technologische Innovatie", "EZOTI"),
    ),
    "TT": (
        ("Ministry of Foreign and CARICOM Affairs", "MFCA"),
        ("Ministry of Labour", "MOL"),
        ("Ministry of Trade and Industry", "MTI"),
    ),
}

MINISTRY_DESCRIPTIONS = (
    "Ministry responsible for CARICOM affairs: coordinates national implementation of "
    "Community decisions and hosts the CSME focal point.",
    "Ministry responsible for labour: employment services, labour market information, "
    "inspection and the administration of the free movement of skilled persons.",
    "Ministry responsible for trade: the free movement of goods, services and capital and external trade negotiations.",
)

# States whose national committees the seeds name (IMCC, BLAC, Movement of Skilled Persons).
COMMITTEE_STATES = ["BB", "BZ", "GY", "JM", "LC", "TT"]

COMMITTEES = [
    (
        "imcc",
        "Inter-Ministry Consultative Committee",
        "IMCC",
        "Brings together the ministries and agencies that give effect to Community decisions; "
        "chaired by the ministry responsible for CARICOM affairs.",
        0,
    ),
    (
        "blac",
        "Business and Labour Advisory Committee",
        "BLAC",
        "Consults employers, trade unions and professional bodies on single-market measures.",
        0,
    ),
    (
        "msp",
        "Movement of Skilled Persons Committee",
        "MSPC",
        "Examines applications for CARICOM Skills Certificates and the verification of "
        "qualifications under the free movement of skilled persons.",
        1,
    ),
]

# Regional institutions that can host peers, by key: the member state of their seat.
REGIONAL_SEATS = {"UWI": "JM", "CXC": "BB"}

# key, state, name, acronym, kind, parent key, visibility, description
# Institutions whose staff work in languages other than their state's official ones (institution
# key: language codes): peer matching recognises an English-speaking host with French-speaking
# staff for Haiti, or Dutch-speaking staff for Suriname.
STAFF_LANGUAGES = {
    "JM.ucj": ("fr",),
}

OTHER_INSTITUTIONS = [
    (
        "SEC",
        None,
        "CARICOM Secretariat",
        "",
        K.REGIONAL_BODY,
        None,
        V.SHARED,
        "The principal administrative organ of the Community: mobilises resources for Community "
        "programmes and provides technical assistance to national authorities to implement "
        "Community decisions. Headquarters in Georgetown, Guyana.",
    ),
    (
        "TASU",
        None,
        "Technical Action Services Unit",
        "TASU",
        K.DEPARTMENT,
        "SEC",
        V.SHARED,
        "The Secretariat's rapid-response mechanism for capacity development in member states; "
        "ran the Attachment Programme (2003–2008) that placed officials with host states.",
    ),
    (
        "REG",
        None,
        "Central Registry",
        "",
        K.DEPARTMENT,
        "SEC",
        V.SHARED,
        "Receipt, recording, routing and storage of official mail received by the Secretariat.",
    ),
    (
        "OTN",
        None,
        "Office of Trade Negotiations",
        "OTN",
        K.DEPARTMENT,
        "SEC",
        V.SHARED,
        "Coordinates the Community's external trade negotiations.",
    ),
    (
        "CDB",
        None,
        "Caribbean Development Bank",
        "CDB",
        K.REGIONAL_BODY,
        None,
        V.SHARED,
        "Regional development bank financing social and economic development in its borrowing member countries.",
    ),
    (
        "UWI",
        None,
        "The University of the West Indies",
        "UWI",
        K.UNIVERSITY,
        None,
        V.SHARED,
        "Regional university with campuses in Barbados, Jamaica, Trinidad and Tobago and Antigua "
        "and Barbuda, and an open campus across the region.",
    ),
    (
        "CXC",
        None,
        "Caribbean Examinations Council",
        "CXC",
        K.REGIONAL_BODY,
        None,
        V.SHARED,
        "Regional examinations body: sets and awards the Caribbean Secondary Education Certificate, "
        "the Caribbean Advanced Proficiency Examination and the Caribbean Vocational Qualification, "
        "recognised across the region for the equivalency of qualifications. Headquarters in Barbados.",
    ),
    (
        "PARTNER",
        None,
        "Caribbean Cooperation Fund (demo partner)",
        "CCF",
        K.DEVELOPMENT_PARTNER,
        None,
        V.SHARED,
        "A fictional development partner funding peer-to-peer technical cooperation for the "
        "single market and labour administration.",
    ),
    (
        "ILO",
        None,
        "International Labour Organization, Decent Work Team and Office for the Caribbean",
        "ILO",
        K.OTHER,
        None,
        V.SHARED,
        "Technical partner on public employment services, labour inspection and labour migration.",
    ),
    (
        "IOM",
        None,
        "International Organization for Migration",
        "IOM",
        K.OTHER,
        None,
        V.SHARED,
        "Technical partner on migration governance; conducted the 2018 Migration Governance "
        "Needs Assessments in ten Caribbean countries.",
    ),
    (
        "JM.ucj",
        "JM",
        "University Council of Jamaica",
        "UCJ",
        K.ACCREDITATION_BODY,
        None,
        V.SHARED,
        "National accreditation body: accredits programmes and institutions, assesses the "
        "equivalency of qualifications; gave technical support to Belize and Guyana.",
    ),
    (
        "BB.bac",
        "BB",
        "Barbados Accreditation Council",
        "BAC",
        K.ACCREDITATION_BODY,
        None,
        V.SHARED,
        "National accreditation body with published procedures for programmes and institutions.",
    ),
    (
        "TT.actt",
        "TT",
        "Accreditation Council of Trinidad and Tobago",
        "ACTT",
        K.ACCREDITATION_BODY,
        None,
        V.SHARED,
        "National accreditation body; verifies qualifications for CARICOM Skills Certificates.",
    ),
    (
        "BZ.nac",
        "BZ",
        "National Accreditation Council of Belize",
        "NAC",
        K.ACCREDITATION_BODY,
        None,
        V.SHARED,
        "Appointed but without procedures: its members and chair have been named, but the "
        "procedures for initiating the accreditation process are not yet in place.",
    ),
    (
        "GY.nac",
        "GY",
        "National Accreditation Council of Guyana",
        "NAC",
        K.ACCREDITATION_BODY,
        None,
        V.SHARED,
        "National accreditation body established with limited functioning; procedures being "
        "developed with support from the University Council of Jamaica.",
    ),
    (
        "JM.csu",
        "JM",
        "CARICOM Skills Certificate Unit",
        "",
        K.DEPARTMENT,
        "JM.labour",
        V.RESTRICTED,
        "Internal unit of the Ministry of Labour and Social Security that processes skills "
        "certificate applications for the Movement of Skilled Persons Committee.",
    ),
    ("JM.csme", "JM", "CSME Unit", "", K.DEPARTMENT, "JM.foreign", V.SHARED, "The national CSME focal point's unit."),
    (
        "TT.csme",
        "TT",
        "CSME Unit",
        "",
        K.DEPARTMENT,
        "TT.foreign",
        V.SHARED,
        "The national CSME focal point's unit; issues CARICOM Skills Certificates.",
    ),
    ("BZ.csme", "BZ", "CSME Unit", "", K.DEPARTMENT, "BZ.foreign", V.SHARED, "The national CSME focal point's unit."),
    (
        "BZ.wg",
        "BZ",
        "Accreditation Working Group (internal)",
        "",
        K.NATIONAL_COMMITTEE,
        "BZ.foreign",
        V.RESTRICTED,
        "Internal working group preparing Belize's request for technical support to put the "
        "National Accreditation Council's procedures in place.",
    ),
    (
        "LC.dol",
        "LC",
        "Department of Labour",
        "",
        K.DEPARTMENT,
        "LC.labour",
        V.SHARED,
        "Runs Saint Lucia's public employment service; co-organised the 2019 ILO training "
        "workshop on public employment services.",
    ),
]

# People are fictional. key, honorific, full name, state, visibility, email,
# languages, expert areas (codes), expertise text, posts [(post, institution key, start, end)].
D = datetime.date
PEOPLE = [
    # Jamaica
    (
        "jm-ps-labour",
        "Mrs.",
        "Sandra Williams-Grant",
        "JM",
        V.SHARED,
        "s.williams-grant@mlss.demo.test",
        ["en"],
        [],
        "",
        [("Permanent Secretary", "JM.labour", D(2021, 2, 1), None)],
    ),
    (
        "jm-focal",
        "Mr.",
        "Andre Campbell",
        "JM",
        V.SHARED,
        "a.campbell@mfaft.demo.test",
        ["en"],
        [],
        "",
        [("CSME Focal Point and Director, CARICOM Affairs", "JM.csme", D(2019, 4, 1), None)],
    ),
    (
        "jm-ucj",
        "Dr.",
        "Patricia Reid",
        "JM",
        V.SHARED,
        "p.reid@ucj.demo.test",
        ["en", "es"],
        ["accreditation-equivalency"],
        "Accreditation criteria, institutional quality assurance, the functioning of a modern accreditation body.",
        [
            ("Director, Accreditation", "JM.ucj", D(2012, 9, 1), D(2018, 8, 31)),
            ("Executive Director", "JM.ucj", D(2018, 9, 1), None),
        ],
    ),
    (
        "jm-csu",
        "Mr.",
        "Michael Bennett",
        "JM",
        V.RESTRICTED,
        "m.bennett@mlss.demo.test",
        ["en"],
        [],
        "",
        [("Head, CARICOM Skills Certificate Unit", "JM.csu", D(2022, 6, 1), None)],
    ),
    (
        "jm-reassigned",
        "Mr.",
        "Donovan Clarke",
        "JM",
        V.SHARED,
        "d.clarke@miic.demo.test",
        ["en"],
        ["labour-market-information"],
        "Labour market information systems and trade policy.",
        [
            ("Director, Labour Market Information", "JM.labour", D(2016, 3, 1), D(2020, 9, 30)),
            ("Senior Director, Trade Policy", "JM.trade", D(2020, 10, 1), None),
        ],
    ),
    # Trinidad and Tobago
    (
        "tt-focal",
        "Ms.",
        "Kavita Ramdass-Mohammed",
        "TT",
        V.SHARED,
        "k.ramdass@mfca.demo.test",
        ["en"],
        ["free-movement-skilled-persons"],
        "Skills certificate processing and verification.",
        [("Head, CSME Unit", "TT.csme", D(2017, 1, 9), None)],
    ),
    (
        "tt-ps-labour",
        "Dr.",
        "Ronald Baptiste",
        "TT",
        V.SHARED,
        "r.baptiste@mol.demo.test",
        ["en"],
        [],
        "",
        [("Permanent Secretary", "TT.labour", D(2020, 11, 2), None)],
    ),
    (
        "tt-msp-chair",
        "Ms.",
        "Sherry-Ann Joseph",
        "TT",
        V.SHARED,
        "s.joseph@mfca.demo.test",
        ["en"],
        [],
        "",
        [("Chair, Movement of Skilled Persons Committee", "TT.msp", D(2023, 1, 16), None)],
    ),
    (
        "tt-actt",
        "Dr.",
        "Arjun Maharaj",
        "TT",
        V.SHARED,
        "a.maharaj@actt.demo.test",
        ["en"],
        ["accreditation-equivalency"],
        "Programme accreditation and the equivalency of foreign qualifications.",
        [("Executive Director", "TT.actt", D(2019, 5, 1), None)],
    ),
    (
        "tt-reassigned",
        "Mr.",
        "Curtis Phillip",
        "TT",
        V.SHARED,
        "c.phillip@mti.demo.test",
        ["en"],
        ["labour-market-information", "labour-migration"],
        "Labour market information and labour migration data.",
        [
            ("Director, Labour Market Information Unit", "TT.labour", D(2018, 1, 15), D(2025, 6, 30)),
            ("Deputy Permanent Secretary", "TT.trade", D(2025, 7, 1), None),
        ],
    ),
    (
        "tt-restricted",
        "Mrs.",
        "Lisa Ramkissoon",
        "TT",
        V.RESTRICTED,
        "l.ramkissoon@mfca.demo.test",
        ["en"],
        [],
        "",
        [("Secretary, Movement of Skilled Persons Committee", "TT.msp", D(2021, 3, 1), None)],
    ),
    # Barbados
    (
        "bb-bac",
        "Dr.",
        "Cheryl Best",
        "BB",
        V.SHARED,
        "c.best@bac.demo.test",
        ["en", "fr"],
        ["accreditation-equivalency"],
        "Institutional accreditation and quality assurance frameworks.",
        [("Executive Director", "BB.bac", D(2016, 4, 1), None)],
    ),
    (
        "bb-focal",
        "Mr.",
        "Ryan Greenidge",
        "BB",
        V.SHARED,
        "r.greenidge@mfaft.demo.test",
        ["en"],
        [],
        "",
        [("CSME Focal Point", "BB.foreign", D(2020, 2, 3), None)],
    ),
    (
        "bb-labour",
        "Ms.",
        "Marsha Yearwood",
        "BB",
        V.SHARED,
        "m.yearwood@labour.demo.test",
        ["en"],
        ["labour-inspection", "occupational-safety-health"],
        "Risk-based labour inspection and OSH enforcement.",
        [("Chief Labour Officer", "BB.labour", D(2019, 7, 1), None)],
    ),
    # Belize
    (
        "bz-focal",
        "Ms.",
        "Elena Castillo",
        "BZ",
        V.SHARED,
        "e.castillo@mfa.demo.test",
        ["en", "es"],
        [],
        "",
        [("CSME Focal Point", "BZ.csme", D(2021, 3, 1), None)],
    ),
    (
        "bz-nac",
        "Dr.",
        "Rolando Cal",
        "BZ",
        V.SHARED,
        "r.cal@nac.demo.test",
        ["en", "es"],
        [],
        "",
        [("Chair, National Accreditation Council", "BZ.nac", D(2024, 10, 1), None)],
    ),
    (
        "bz-labour",
        "Mr.",
        "Gilbert Usher",
        "BZ",
        V.SHARED,
        "g.usher@labour.demo.test",
        ["en", "es"],
        [],
        "",
        [("Labour Commissioner", "BZ.labour", D(2022, 1, 10), None)],
    ),
    (
        "bz-wg",
        "Ms.",
        "Marisol Chan",
        "BZ",
        V.RESTRICTED,
        "m.chan@mfa.demo.test",
        ["en", "es"],
        [],
        "",
        [("Coordinator, Accreditation Working Group", "BZ.wg", D(2025, 2, 1), None)],
    ),
    (
        "bz-reassigned",
        "Mr.",
        "Joseph Flowers",
        "BZ",
        V.SHARED,
        "j.flowers@labour.demo.test",
        ["en", "es"],
        [],
        "",
        [
            ("Director, CSME Unit", "BZ.csme", D(2015, 5, 4), D(2020, 12, 31)),
            ("Chief Executive Officer", "BZ.labour", D(2021, 1, 4), None),
        ],
    ),
    # Guyana
    (
        "gy-nac",
        "Dr.",
        "Shondel Persaud",
        "GY",
        V.SHARED,
        "s.persaud@nac.demo.test",
        ["en"],
        [],
        "",
        [("Executive Director (ag.)", "GY.nac", D(2023, 8, 1), None)],
    ),
    (
        "gy-labour",
        "Mr.",
        "Troy Fraser",
        "GY",
        V.SHARED,
        "t.fraser@mol.demo.test",
        ["en"],
        [],
        "",
        [("Chief Labour Officer", "GY.labour", D(2021, 5, 3), None)],
    ),
    (
        "gy-focal",
        "Ms.",
        "Natasha Singh",
        "GY",
        V.SHARED,
        "n.singh@mofa.demo.test",
        ["en"],
        [],
        "",
        [("CSME Focal Point", "GY.foreign", D(2022, 9, 1), None)],
    ),
    # Saint Lucia
    (
        "lc-labour",
        "Mrs.",
        "Claudia Joseph-Charles",
        "LC",
        V.SHARED,
        "c.joseph-charles@labour.demo.test",
        ["en", "fr"],
        ["public-employment-services"],
        "Running a public employment service, including after disasters.",
        [("Labour Commissioner", "LC.dol", D(2018, 6, 1), None)],
    ),
    (
        "lc-focal",
        "Mr.",
        "Vincent Alexander",
        "LC",
        V.SHARED,
        "v.alexander@external.demo.test",
        ["en", "fr"],
        [],
        "",
        [("CSME Focal Point", "LC.foreign", D(2022, 4, 4), None)],
    ),
    # Suriname and Haiti
    (
        "sr-labour",
        "Mevr.",
        "Ingrid Wongsodikromo",
        "SR",
        V.SHARED,
        "i.wongsodikromo@awj.demo.test",
        ["nl", "en"],
        ["labour-migration"],
        "Work permits and labour-migration data.",
        [("Policy Officer, Labour Migration", "SR.labour", D(2020, 1, 6), None)],
    ),
    (
        "ht-labour",
        "M.",
        "Jean-Robert Pierre-Louis",
        "HT",
        V.SHARED,
        "jr.pierre-louis@mast.demo.test",
        ["fr", "ht", "en"],
        ["labour-inspection"],
        "Labour inspection planning and inspector training.",
        [("Directeur du Travail", "HT.labour", D(2019, 10, 1), None)],
    ),
    # Eastern Caribbean focal points
    (
        "gd-focal",
        "Ms.",
        "Kendra Charles",
        "GD",
        V.SHARED,
        "k.charles@mofa.demo.test",
        ["en"],
        [],
        "",
        [("CSME Focal Point", "GD.foreign", D(2022, 7, 1), None)],
    ),
    (
        "ag-focal",
        "Mr.",
        "Kelvin Joseph",
        "AG",
        V.SHARED,
        "k.joseph@mofa.demo.test",
        ["en"],
        [],
        "",
        [("CSME Focal Point", "AG.foreign", D(2023, 3, 1), None)],
    ),
    # Regional: the Secretariat, the university, partners
    (
        "sec-tasu",
        "Dr.",
        "Simone Harris",
        None,
        V.SHARED,
        "s.harris@secretariat.demo.test",
        ["en", "fr"],
        ["free-movement-skilled-persons", "accreditation-equivalency"],
        "",
        [("Programme Manager, Technical Action Services", "TASU", D(2020, 1, 2), None)],
    ),
    (
        "sec-coord",
        "Ms.",
        "Kerry-Ann Lewis",
        None,
        V.SHARED,
        "k.lewis@secretariat.demo.test",
        ["en", "es"],
        ["labour-migration"],
        "",
        [("Technical Coordinator", "TASU", D(2021, 6, 1), None)],
    ),
    (
        "uwi",
        "Prof.",
        "Dwayne Morrison",
        None,
        V.SHARED,
        "d.morrison@uwi.demo.test",
        ["en", "es"],
        ["labour-market-information", "labour-migration"],
        "Labour economics; labour market information systems; circular and seasonal migration.",
        [("Senior Lecturer in Labour Economics", "UWI", D(2014, 8, 1), None)],
    ),
    (
        "ilo",
        "Ms.",
        "Lucía Fernández",
        None,
        V.SHARED,
        "l.fernandez@ilo.demo.test",
        ["es", "en", "fr"],
        ["public-employment-services", "labour-market-information"],
        "Public employment services, crisis response and performance frameworks.",
        [("Employment Services Specialist", "ILO", D(2017, 3, 1), None)],
    ),
    (
        "partner",
        "Ms.",
        "Sophie Laurent",
        None,
        V.SHARED,
        "s.laurent@ccf.demo.test",
        ["en", "fr"],
        [],
        "",
        [("Programme Officer, Caribbean", "PARTNER", D(2022, 1, 10), None)],
    ),
]

# committee key, first year, last year, months (1-12), weekday (Mon=0), nth (1-4 or -1 for last),
# place, agenda items, visibility
MEETING_SERIES = [
    (
        "TT.msp",
        2026,
        2027,
        range(1, 13),
        3,
        2,
        "Ministry of Foreign and CARICOM Affairs, Port of Spain",
        [
            "Confirmation of the minutes of the previous meeting",
            "Applications for CARICOM Skills Certificates received this month",
            "Verification of qualifications with the Accreditation Council of Trinidad and Tobago",
            "Applications from spouses and dependants",
            "Report of the CSME Unit",
        ],
        V.SHARED,
    ),
    (
        "JM.msp",
        2026,
        2027,
        range(1, 13),
        1,
        -1,
        "Ministry of Labour and Social Security, Kingston",
        [
            "Confirmation of the minutes",
            "Skills certificate applications and verifications",
            "Pending equivalency assessments with the University Council of Jamaica",
            "Statistics for the quarter",
            "Any other business",
        ],
        V.SHARED,
    ),
    (
        "BB.imcc",
        2026,
        2027,
        (3, 6, 9, 12),
        4,
        1,
        "Ministry of Foreign Affairs and Foreign Trade, Bridgetown",
        [
            "Status of national implementation of Community decisions",
            "Preparations for the next meeting of the Council for Trade and Economic Development",
            "Reports of the national committees",
        ],
        V.SHARED,
    ),
    (
        "JM.blac",
        2026,
        2027,
        (2, 5, 8, 11),
        3,
        1,
        "Ministry of Foreign Affairs and Foreign Trade, Kingston",
        [
            "Consultation with employers and trade unions on single-market measures",
            "Free movement of skilled persons: new categories",
            "Any other business",
        ],
        V.SHARED,
    ),
    (
        "GY.msp",
        2026,
        2026,
        (2, 4, 6, 8, 10, 12),
        2,
        1,
        "Ministry of Labour, Georgetown",
        [
            "Skills certificate applications",
            "Verification of qualifications with the National Accreditation Council",
            "Any other business",
        ],
        V.SHARED,
    ),
    (
        "BZ.wg",
        2026,
        2026,
        range(1, 13),
        0,
        1,
        "Ministry of Foreign Affairs, Belmopan",
        [
            "Accreditation procedures: progress",
            "Preparing the request for technical support",
            "Sensitisation of council members",
        ],
        V.RESTRICTED,
    ),
]

NETWORK = {
    "name": "Regional Network of Labour Migration Specialists",
    "description": (
        "A network of national labour and migration specialists and regional experts, created at "
        "the CMC inter-institutional consultation in Kingston, Jamaica (16–18 September 2019), "
        "to share information, data and experience on labour mobility and migration policies "
        "and to advise policy makers. A working group on data collection and sharing supports "
        "the Regional Plan of Action."
    ),
    "established": D(2019, 9, 18),
    "areas": ["labour-migration", "labour-market-information", "free-movement-skilled-persons"],
    # person key, role, joined
    "members": [
        ("sec-coord", R.COORDINATOR, D(2019, 9, 18)),
        ("uwi", R.RESOURCE, D(2019, 9, 18)),
        ("ilo", R.RESOURCE, D(2019, 9, 18)),
        ("tt-reassigned", R.MEMBER, D(2019, 9, 18)),
        ("jm-reassigned", R.MEMBER, D(2019, 9, 18)),
        ("bz-labour", R.MEMBER, D(2022, 3, 1)),
        ("gy-labour", R.MEMBER, D(2021, 6, 1)),
        ("sr-labour", R.MEMBER, D(2020, 2, 1)),
        ("ht-labour", R.MEMBER, D(2019, 9, 18)),
        ("lc-labour", R.MEMBER, D(2019, 9, 18)),
    ],
}


# The IANA time zone of each state's capital: activities hosted there are timed in it.
TIME_ZONES = {
    "AG": "America/Antigua",
    "BS": "America/Nassau",
    "BB": "America/Barbados",
    "BZ": "America/Belize",
    "DM": "America/Dominica",
    "GD": "America/Grenada",
    "GY": "America/Guyana",
    "HT": "America/Port-au-Prince",
    "JM": "America/Jamaica",
    "MS": "America/Montserrat",
    "LC": "America/St_Lucia",
    "KN": "America/St_Kitts",
    "SR": "America/Paramaribo",
    "TT": "America/Port_of_Spain",
    "VC": "America/St_Vincent",
    "AI": "America/Anguilla",
    "BM": "Atlantic/Bermuda",
    "VG": "America/Tortola",
    "KY": "America/Cayman",
    "TC": "America/Grand_Turk",
}


# Days off that are no statutory public holiday: Carnival Monday and Tuesday in Trinidad and
# Tobago (the two days before Ash Wednesday), for the demo years.
NON_WORKING_DAYS = [
    ("TT", datetime.date(2026, 2, 16), "Carnival Monday"),
    ("TT", datetime.date(2026, 2, 17), "Carnival Tuesday"),
    ("TT", datetime.date(2027, 2, 8), "Carnival Monday"),
    ("TT", datetime.date(2027, 2, 9), "Carnival Tuesday"),
]

# Meetings of the community's organs and councils: (body, title, from, until, held in (ISO),
# venue, attending states (ISO), capability area codes, agenda).
REGIONAL_MEETINGS = [
    (
        "COHSOD",
        "Council for Human and Social Development, regular meeting on education",
        datetime.date(2026, 5, 12),
        datetime.date(2026, 5, 14),
        "GY",
        "Georgetown",
        ["BB", "BZ", "GY", "JM", "LC", "TT"],
        ["accreditation-equivalency", "free-movement-skilled-persons"],
        "Accreditation and equivalency of qualifications\nCARICOM Skills Certificates for graduates\n"
        "Regional qualifications framework",
    ),
    (
        "COHSOD",
        "Council for Human and Social Development, special meeting on qualifications",
        datetime.date(2027, 4, 13),
        datetime.date(2027, 4, 15),
        "JM",
        "Kingston",
        ["BB", "BZ", "GY", "JM", "TT"],
        ["accreditation-equivalency"],
        "Mutual recognition of accreditation decisions\nEquivalency of qualifications across the region",
    ),
    (
        "COTED",
        "Council for Trade and Economic Development",
        datetime.date(2026, 11, 17),
        datetime.date(2026, 11, 18),
        "GY",
        "Georgetown",
        ["BB", "BZ", "GY", "JM", "TT"],
        ["free-movement-of-goods", "provision-of-services"],
        "Rules of origin\nTrade in services\nSingle market implementation",
    ),
    (
        "Conference of Heads of Government",
        "Regular meeting",
        datetime.date(2026, 7, 6),
        datetime.date(2026, 7, 8),
        "LC",
        "Castries",
        ["AG", "BB", "BZ", "DM", "GD", "GY", "JM", "KN", "LC", "TT"],
        [],
        "Single market and economy\nSecurity\nClimate resilience",
    ),
]

# Institutions that state the largest group of visiting officials they can receive.
GROUP_CAPACITY = {"JM.ucj": 12, "TT.msp": 6}
