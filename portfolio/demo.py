# ruff: noqa: E501  (entries read best as whole sentences)
"""Demo portfolio entries: what the states with mature systems can share, as the seeds describe them.

`load_practices()` runs after the demo community (its loader depends on "community"): it finds states by
ISO code, institutions by state and name, contacts by state and full name, and capability areas
by code. It is idempotent: entries are keyed on (state, title) and only written when missing or
different, so a second run writes nothing and adds nothing to the change history.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from community.models import CapabilityArea, Institution, Language, MemberState, Person
from core.access import Visibility
from core.demo import set_m2m, upsert
from portfolio.choices import PracticeStatus as S
from portfolio.models import Practice

D = datetime.date
REVIEWER_EMAIL = "officer@demo.test"


def _reviewed(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


# state ISO, institution name (None: the state as a whole), title, area codes, description,
# results, evidence, in operation since, target population, language codes, contact full name,
# status, reviewed on, review note
PRACTICES = [
    (
        "JM",
        "University Council of Jamaica",
        "National accreditation and equivalency system of the University Council of Jamaica",
        ["accreditation-equivalency"],
        "The University Council of Jamaica (UCJ) is Jamaica's national accreditation body. It registers "
        "tertiary institutions, accredits their programmes against published criteria, and assesses the "
        "equivalency of foreign qualifications, including for CARICOM Skills Certificates.\n\n"
        "Visiting officials see the full cycle: an institution's self-study, the peer-review visit, the "
        "panel's report and the Council's decision, and the equivalency desk that answers employers and "
        "the Ministry of Labour within set times. UCJ also runs a tailored three-day programme for newly "
        "appointed accreditation councils on (i) criteria for accreditation, (ii) a framework for "
        "institutional quality assurance and (iii) a model for the functioning of a modern accreditation body.",
        "Programmes and institutions accredited across Jamaica's public and private tertiary sector, "
        "with published registers of accredited programmes and registered institutions.\n"
        "Equivalency statements issued for foreign and regional qualifications, used by employers and by "
        "the Movement of Skilled Persons Committee.\n"
        "Technical support to Belize: a three-day training programme for the members and chair of the "
        "National Accreditation Council on criteria, institutional quality assurance and how an "
        "accreditation body works. A similar programme was developed and delivered in Guyana.",
        "Registers of accredited programmes and registered institutions on the UCJ website; the CARICOM "
        "Secretariat's case story on the Attachment Programme (2003–2008); training materials and "
        "participants' evaluations of the Belize and Guyana programmes.",
        D(1987, 8, 1),
        "National accreditation bodies and their councils; tertiary institutions; ministries of education; "
        "CSME units verifying qualifications",
        ["en", "es"],
        "Patricia Reid",
        S.PUBLISHED,
        _reviewed(2026, 3, 12),
        "",
    ),
    (
        "TT",
        "Movement of Skilled Persons Committee",
        "CARICOM Skills Certificates: the Movement of Skilled Persons Committee of Trinidad and Tobago",
        ["free-movement-skilled-persons"],
        "Trinidad and Tobago examines applications for CARICOM Skills Certificates through a Movement of "
        "Skilled Persons Committee that meets every month at the Ministry of Foreign and CARICOM Affairs. "
        "The CSME Unit receives and checks applications; qualifications are verified with the "
        "Accreditation Council of Trinidad and Tobago; the Committee decides, including on applications "
        "from spouses and dependants, and the CSME Unit issues the certificates.\n\n"
        "An attachment timed to a monthly meeting lets visiting officials from the Ministry of Labour, the "
        "Immigration Department and the CSME focal point follow applications from receipt to decision "
        "and sit in on the Committee.",
        "A standing committee with a monthly calendar, written procedures and published processing times.\n"
        "Qualifications verified with the national accreditation council before a certificate is issued.\n"
        "Immigration officers at ports of entry apply the regime for certificate holders and their families.",
        "Committee minutes and the CSME Unit's monthly reports; processing-time statistics reported to the "
        "Secretariat.",
        D(2006, 1, 1),
        "CSME units, ministries of labour and immigration departments of member states; skilled community "
        "nationals and their families",
        ["en"],
        "Sherry-Ann Joseph",
        S.PUBLISHED,
        _reviewed(2026, 5, 20),
        "",
    ),
    (
        "BB",
        "Barbados Accreditation Council",
        "Accreditation procedures of the Barbados Accreditation Council",
        ["accreditation-equivalency"],
        "The Barbados Accreditation Council registers and accredits post-secondary and tertiary "
        "institutions and programmes under published procedures: application, self-assessment, site visit "
        "by a peer-review team, report and decision, with periodic re-accreditation and monitoring. It "
        "also advises on the recognition of foreign qualifications.\n\n"
        "Hosts can walk visiting councils through each procedure with the forms, handbooks and decision "
        "records used at each step.",
        "Published procedures and handbooks for institutional and programme accreditation.\n"
        "Registers of registered institutions and accredited programmes kept current.\n"
        "Advice to other national accreditation bodies in the region on quality-assurance frameworks.",
        "Procedures manuals and registers published by the Council; annual reports.",
        D(2004, 8, 1),
        "National accreditation bodies; post-secondary and tertiary institutions; ministries of education",
        ["en", "fr"],
        "Cheryl Best",
        S.PUBLISHED,
        _reviewed(2026, 2, 3),
        "",
    ),
    (
        "BB",
        "Ministry of Labour, Social Security and the Third Sector",
        "National Employment Bureau of Barbados: job matching and overseas employment programmes",
        ["public-employment-services"],
        "The National Employment Bureau, a department of the Ministry of Labour, registers job seekers and "
        "vacancies, refers candidates to employers, and runs the overseas seasonal employment programmes "
        "that place Barbadian workers abroad: recruitment, selection, pre-departure briefing and liaison "
        "with employers and workers while they are away.\n\n"
        "Visitors see the registration and referral desk, the employer services, and how an overseas "
        "programme is organised from selection to return.",
        "A national register of job seekers and vacancies with referrals to local employers.\n"
        "Seasonal overseas employment programmes run every year, with selection, briefing and welfare "
        "liaison procedures.",
        "The Bureau's annual statistics on registrations, referrals and overseas placements.",
        None,
        "Job seekers, employers, seasonal workers in overseas employment programmes",
        ["en"],
        "Marsha Yearwood",
        S.PUBLISHED,
        _reviewed(2026, 4, 8),
        "",
    ),
    (
        "LC",
        "Department of Labour",
        "Saint Lucia's public employment service after the 2019 ILO training workshop",
        ["public-employment-services"],
        "Saint Lucia's Department of Labour runs the public employment service: registration of job "
        "seekers and vacancies, counselling, referrals and employability programmes. In October–November "
        "2019 it co-organised with the ILO a five-day training workshop on public employment services in "
        "the context of disaster and crisis preparedness and response, with a site visit to the Saint "
        "Lucia employment services office and group work on a national action plan.\n\n"
        "The service shares how it planned employment services operations for emergencies, adapted "
        "employment programmes after a disaster, and set up a simple performance evaluation framework.",
        "A national action plan for the employment service (governance, operation, delivery) drawn up in "
        "the 2019 workshop's group work.\n"
        "Crisis-response procedures for the employment service, drawing on the ILO's Caribbean resilience "
        "project.\n"
        "A results-oriented performance framework with a small set of indicators monitored by the Department.",
        "The 2019 workshop agenda and the national action plan; the Department's monitoring reports.",
        D(2019, 11, 1),
        "Job seekers, including those displaced after natural disasters; employers; employment service staff",
        ["en", "fr"],
        "Claudia Joseph-Charles",
        S.PUBLISHED,
        _reviewed(2026, 6, 15),
        "",
    ),
    (
        "JM",
        "Ministry of Labour and Social Security",
        "Labour Market Information System of Jamaica",
        ["labour-market-information", "public-employment-services"],
        "The Ministry of Labour and Social Security's labour market information system brings together "
        "labour force survey results from the Statistical Institute of Jamaica, vacancy and job-seeker "
        "data from the electronic labour exchange, and occupational information, and publishes them for "
        "policy makers, training institutions and job seekers.\n\n"
        "Visiting officials see how the data are collected and shared between institutions, the "
        "indicators and occupational classifications used (ISCO/ISIC/ISCED), and how the information "
        "reaches job seekers and employers.",
        "Regular labour market bulletins and indicators published for policy makers and the public.\n"
        "Vacancy and job-seeker data from the electronic labour exchange used in labour market analysis.\n"
        "Data-sharing arrangements with the national statistical institute.",
        "Published labour market bulletins; the labour exchange's statistics.",
        None,
        "Policy makers, training institutions, employers and job seekers",
        ["en"],
        "Sandra Williams-Grant",
        S.PUBLISHED,
        _reviewed(2026, 1, 27),
        "",
    ),
    # A state that was helped offers what it built: still a draft, awaiting the secretariat's review.
    (
        "GY",
        "National Accreditation Council of Guyana",
        "Setting up accreditation procedures with peer support (Guyana)",
        ["accreditation-equivalency"],
        "With a training programme developed with the University Council of Jamaica, Guyana's National "
        "Accreditation Council adopted criteria and procedures for accrediting programmes and institutions. "
        "The Council can share how a young accreditation body organised its first reviews with limited "
        "staff.",
        "Criteria and procedures adopted; first programme reviews under way.",
        "",
        D(2023, 8, 1),
        "Newly established national accreditation bodies",
        ["en"],
        "Shondel Persaud",
        S.DRAFT,
        None,
        "",
    ),
    # Flagged for an update: its contact has since moved to another ministry.
    (
        "TT",
        "Ministry of Labour",
        "Labour Market Information Unit of Trinidad and Tobago",
        ["labour-market-information", "labour-migration"],
        "The Ministry of Labour's Labour Market Information Unit analyses labour force, vacancy and work-"
        "permit data and publishes labour market reports, including on labour migration.",
        "Labour market reports published; labour-migration data shared with the regional network of "
        "labour migration specialists.",
        "Labour market reports of the Ministry of Labour.",
        None,
        "Policy makers, employers' and workers' organisations, researchers",
        ["en"],
        "Curtis Phillip",
        S.NEEDS_UPDATE,
        _reviewed(2024, 9, 2),
        "The contact, Mr. Curtis Phillip, moved to the Ministry of Trade and Industry in July 2025: please name "
        "the unit's current head and add results from the last two years.",
    ),
]


@transaction.atomic
def load_practices() -> list[Practice]:
    """Load (or refresh) the demo portfolio; needs the demo community loaded first."""
    states = {state.iso_code: state for state in MemberState.objects.filter(is_demo=True)}
    areas = {area.code: area for area in CapabilityArea.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    reviewer = User.objects.filter(email__iexact=REVIEWER_EMAIL).first()
    loaded = []
    for row in PRACTICES:
        (
            iso,
            institution_name,
            title,
            area_codes,
            description,
            results,
            evidence,
            since,
            population,
            language_codes,
            contact_name,
            status,
            reviewed_at,
            note,
        ) = row
        state = states[iso]
        institution = Institution.objects.get(state=state, name=institution_name) if institution_name else None
        contact = Person.objects.filter(state=state, full_name=contact_name).first() if contact_name else None
        practice = upsert(
            Practice,
            {"state": state, "title": title},
            {
                "institution": institution,
                "description": description,
                "results": results,
                "evidence": evidence,
                "in_operation_since": since,
                "target_population": population,
                "contact": contact,
                "status": status,
                "reviewed_at": reviewed_at,
                "reviewed_by": reviewer if reviewed_at else None,
                "review_note": note,
                "visibility": Visibility.SHARED,
            },
        )
        set_m2m(practice, "areas", [areas[code] for code in area_codes])
        set_m2m(practice, "languages", [languages[code] for code in language_codes])
        loaded.append(practice)
    return loaded


def load_portfolio(*, today: datetime.date) -> dict[str, int]:
    """The portfolio's demo loader: its entries have fixed dates, whatever today is."""
    return {"practices": len(load_practices())}
