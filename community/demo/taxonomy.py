# ruff: noqa: E501  (data tables read best one record per line)
"""The demo capability taxonomy: the single-market regimes and labour administration.

Each area carries a description and a level rubric (0 absent · 1 initial · 2 developing ·
3 established · 4 model) written for that area, so that an assessment says something
concrete about a state's system.
"""

# (code, parent code, name, description, (level 0, level 1, level 2, level 3, level 4))
AREAS = [
    (
        "csme",
        None,
        "Single market regimes",
        "The national systems a member state needs so that the single market and economy "
        "works for its nationals: free movement of skilled persons, goods, services and "
        "capital, and the right of establishment.",
        (
            "No national arrangements for the single-market regimes.",
            "A focal point is named; the regimes are handled case by case without procedures.",
            "Some regimes have legislation and procedures; national committees meet irregularly.",
            "All regimes have legislation, administrative procedures and functioning national "
            "committees; implementation is reported to the Secretariat.",
            "All regimes run smoothly with published service standards and statistics; the state "
            "hosts other states' officials to share its systems.",
        ),
    ),
    (
        "free-movement-skilled-persons",
        "csme",
        "Free movement of skilled persons",
        "Issuing and verifying CARICOM Skills Certificates, granting entry and indefinite stay "
        "to skilled nationals and their families, and the Movement of Skilled Persons Committee.",
        (
            "The Skills Certificate regime is not applied.",
            "Legislation passed; certificates issued ad hoc by a ministry without written procedures.",
            "A designated unit issues certificates with written procedures, but verification of "
            "qualifications and processing times are uneven.",
            "A Movement of Skilled Persons Committee meets regularly; certificates are issued and "
            "verified within published timeframes; immigration officers apply the regime at ports of entry.",
            "End-to-end online processing, statistics published, verification shared with other "
            "states; the unit trains other states' officials.",
        ),
    ),
    (
        "accreditation-equivalency",
        "csme",
        "Accreditation and equivalency",
        "National accreditation of programmes and institutions and the assessment of the "
        "equivalency of foreign qualifications, on which the mutual recognition of "
        "qualifications, certificates and licences depends.",
        (
            "No national accreditation body.",
            "National accreditation body appointed but without procedures.",
            "Accreditation body has adopted criteria and procedures and started its first "
            "reviews; equivalency of qualifications assessed case by case.",
            "Accreditation body operating with published procedures, accredits programmes and "
            "institutions and issues equivalency statements within set times.",
            "Accreditation body operating with published procedures, its own quality assurance "
            "peer-reviewed by an external body; it trains and hosts other states' accreditation bodies.",
        ),
    ),
    (
        "right-of-establishment",
        "csme",
        "Right of establishment",
        "Allowing community nationals to set up and manage businesses on the same terms as "
        "nationals: company registration, licensing and removal of restrictions.",
        (
            "Community nationals are treated as foreigners when establishing a business.",
            "Restrictions identified; removal not yet started.",
            "Legislation amended for some sectors; registration procedures still differ for community nationals.",
            "National treatment in law and in practice; registration and licensing procedures "
            "published and applied without discrimination.",
            "One-stop online registration with service standards met and monitored; the state "
            "shares its registry systems with others.",
        ),
    ),
    (
        "provision-of-services",
        "csme",
        "Provision of services",
        "Removing restrictions on the cross-border provision of services and the movement of service providers.",
        (
            "Restrictions on service providers from other member states remain in place.",
            "Restrictions inventoried; a national schedule is being prepared.",
            "Restrictions removed in some sectors; service-provider entry handled case by case.",
            "Restrictions removed as scheduled; procedures for service providers' entry and "
            "temporary stay published and applied.",
            "Services regime fully applied with monitoring data; the state advises others on sectoral liberalisation.",
        ),
    ),
    (
        "movement-of-capital",
        "csme",
        "Movement of capital",
        "Removing exchange and other restrictions on payments and capital transfers between "
        "member states, and the integration of capital markets.",
        (
            "Capital transfers between member states are restricted.",
            "Restrictions identified; a removal timetable is under discussion.",
            "Some restrictions removed; cross-listing of securities and regulation still fragmented.",
            "Restrictions removed in law and practice; cross-border investment and listing procedures published.",
            "Integrated with the regional capital market, with regulatory cooperation and published statistics.",
        ),
    ),
    (
        "free-movement-of-goods",
        "csme",
        "Free movement of goods",
        "Duty-free trade in goods of community origin, common external tariff, rules of origin, "
        "standards and customs procedures.",
        (
            "Goods of community origin face duties or non-tariff barriers.",
            "Common external tariff adopted in law; customs procedures not yet aligned.",
            "Duty-free treatment applied; rules of origin and standards checks inconsistent.",
            "Customs, standards and sanitary procedures aligned with community rules and applied "
            "consistently; disputes resolved through the Secretariat.",
            "Electronic single window, risk-based controls and published clearance times; the "
            "state shares its customs systems with others.",
        ),
    ),
    (
        "labour-admin",
        None,
        "Labour administration",
        "The public system that makes labour policy work: employment services, labour market "
        "information, inspection, labour migration and safety and health at work.",
        (
            "No functioning labour administration.",
            "A labour department exists with minimal staff and no planned services.",
            "Core services exist but are under-resourced and not monitored.",
            "A labour ministry delivers planned services with trained staff, data and social dialogue.",
            "Services are evaluated against targets and improved; the ministry shares its practice with others.",
        ),
    ),
    (
        "public-employment-services",
        "labour-admin",
        "Public employment services",
        "Job matching, registration of job seekers and vacancies, career guidance and "
        "employability measures, including the role of employment services after disasters.",
        (
            "No public employment service.",
            "Vacancies posted on a notice board or by phone; no register of job seekers.",
            "Employment offices register job seekers and vacancies and make referrals; no "
            "performance framework or crisis plan.",
            "Employment service with a labour-exchange system, counselling, employability "
            "programmes and a performance evaluation framework; crisis-response procedures in place.",
            "Digital job matching, partnerships with private providers, results measured and "
            "published; peer reviews and training for other states' services.",
        ),
    ),
    (
        "labour-market-information",
        "labour-admin",
        "Labour market information",
        "Collecting, analysing and publishing labour market data (labour force surveys, "
        "administrative data, skills demand) to inform policy and job seekers.",
        (
            "No labour market data collected.",
            "Occasional census or survey data; no unit responsible for analysis.",
            "Labour force survey run irregularly; administrative data kept but not shared between institutions.",
            "A labour market information system (LMIS) with a regular labour force survey, "
            "administrative data shared between institutions and regular publications.",
            "Integrated LMIS with comparable regional data and skills forecasting; the unit "
            "supports other states' systems.",
        ),
    ),
    (
        "labour-inspection",
        "labour-admin",
        "Labour inspection",
        "Inspection of workplaces for compliance with labour law: planning, inspectors, enforcement and records.",
        (
            "No labour inspection.",
            "Inspection only on complaints, without a plan or records.",
            "Inspectors in post with an annual plan; records kept on paper; few follow-up visits.",
            "Planned, risk-based inspection with trained inspectors, electronic case records, "
            "enforcement and an annual report.",
            "Inspection strategy evaluated and published; the inspectorate trains inspectors from other states.",
        ),
    ),
    (
        "labour-migration",
        "labour-admin",
        "Labour migration",
        "Policy and administration of labour migration: work permits, seasonal and circular "
        "migration schemes, fair recruitment, protection of migrant workers and data.",
        (
            "No labour-migration policy or administration.",
            "Work permits issued without published criteria; no data on labour migration.",
            "Work-permit procedures written; seasonal programmes managed; data incomplete and "
            "not shared between agencies.",
            "National labour-migration policy adopted; recruitment regulated; data shared between "
            "labour, immigration and statistics offices.",
            "Policy monitored with comparable data, bilateral agreements and protection services; "
            "the state contributes to the regional network and hosts peers.",
        ),
    ),
    (
        "occupational-safety-health",
        "labour-admin",
        "Occupational safety and health",
        "Legislation, standards, inspection and prevention for safety and health at work.",
        (
            "No occupational safety and health legislation.",
            "Legislation drafted or outdated; no dedicated officers.",
            "OSH act in force and officers in post; accident reporting incomplete.",
            "OSH act enforced with a national policy, tripartite council, accident and disease "
            "reporting and prevention campaigns.",
            "National OSH programme with measured results and certified trainers; the state "
            "trains other states' officers.",
        ),
    ),
]
