# ruff: noqa: E501  (data tables read best one record per line)
"""The demo taxonomy in the community's other languages: each area's name in French, Spanish and
Dutch, its level texts (0–4) in French, and in Spanish and Dutch for the areas of the demo's main
stories. What is left out falls back to English."""

# code: (French, Spanish, Dutch)
NAMES = {
    "csme": ("Régimes du marché unique", "Regímenes del mercado único", "Regelingen van de interne markt"),
    "free-movement-skilled-persons": (
        "Libre circulation des personnes qualifiées",
        "Libre circulación de personas calificadas",
        "Vrij verkeer van geschoolde personen",
    ),
    "accreditation-equivalency": (
        "Accréditation et équivalence",
        "Acreditación y equivalencia",
        "Accreditatie en gelijkwaardigheid",
    ),
    "right-of-establishment": ("Droit d'établissement", "Derecho de establecimiento", "Recht van vestiging"),
    "provision-of-services": ("Prestation de services", "Prestación de servicios", "Verlening van diensten"),
    "movement-of-capital": ("Circulation des capitaux", "Movimiento de capitales", "Kapitaalverkeer"),
    "free-movement-of-goods": (
        "Libre circulation des marchandises",
        "Libre circulación de mercancías",
        "Vrij verkeer van goederen",
    ),
    "labour-admin": ("Administration du travail", "Administración del trabajo", "Arbeidsbestuur"),
    "public-employment-services": (
        "Services publics de l'emploi",
        "Servicios públicos de empleo",
        "Openbare arbeidsbemiddeling",
    ),
    "labour-market-information": (
        "Information sur le marché du travail",
        "Información del mercado laboral",
        "Arbeidsmarktinformatie",
    ),
    "labour-inspection": ("Inspection du travail", "Inspección del trabajo", "Arbeidsinspectie"),
    "labour-migration": ("Migration de main-d'œuvre", "Migración laboral", "Arbeidsmigratie"),
    "occupational-safety-health": (
        "Sécurité et santé au travail",
        "Seguridad y salud en el trabajo",
        "Veiligheid en gezondheid op het werk",
    ),
}

# code: the level texts 0–4 in French
LEVELS_FR = {
    "csme": (
        "Aucun dispositif national pour les régimes du marché unique.",
        "Un point focal est désigné ; les régimes sont traités au cas par cas, sans procédures.",
        "Certains régimes ont une législation et des procédures ; les comités nationaux se réunissent irrégulièrement.",
        "Tous les régimes ont une législation, des procédures administratives et des comités nationaux qui "
        "fonctionnent ; la mise en œuvre est communiquée au Secrétariat.",
        "Tous les régimes fonctionnent avec des normes de service et des statistiques publiées ; l'État accueille "
        "les fonctionnaires d'autres États pour partager ses systèmes.",
    ),
    "free-movement-skilled-persons": (
        "Le régime du certificat de compétences n'est pas appliqué.",
        "Loi adoptée ; certificats délivrés au cas par cas par un ministère, sans procédures écrites.",
        "Une unité désignée délivre les certificats selon des procédures écrites, mais la vérification des "
        "qualifications et les délais de traitement sont inégaux.",
        "Un comité de la libre circulation des personnes qualifiées se réunit régulièrement ; les certificats "
        "sont délivrés et vérifiés dans des délais publiés ; les agents d'immigration appliquent le régime aux "
        "points d'entrée.",
        "Traitement entièrement en ligne, statistiques publiées, vérification partagée avec les autres États ; "
        "l'unité forme les fonctionnaires d'autres États.",
    ),
    "accreditation-equivalency": (
        "Aucun organisme national d'accréditation.",
        "Organisme national d'accréditation nommé, mais sans procédures.",
        "L'organisme d'accréditation a adopté des critères et des procédures et commencé ses premiers examens ; "
        "l'équivalence des qualifications est évaluée au cas par cas.",
        "Organisme d'accréditation en activité, aux procédures publiées, qui accrédite programmes et "
        "établissements et délivre des attestations d'équivalence dans des délais fixés.",
        "Organisme d'accréditation en activité, aux procédures publiées, dont l'assurance qualité est évaluée "
        "par un organisme externe ; il forme et accueille les organismes d'accréditation d'autres États.",
    ),
    "right-of-establishment": (
        "Les ressortissants de la Communauté sont traités comme des étrangers pour créer une entreprise.",
        "Restrictions recensées ; leur levée n'a pas commencé.",
        "Législation modifiée dans certains secteurs ; les procédures d'immatriculation diffèrent encore pour "
        "les ressortissants de la Communauté.",
        "Traitement national en droit et en pratique ; procédures d'immatriculation et de licence publiées et "
        "appliquées sans discrimination.",
        "Guichet unique d'immatriculation en ligne, normes de service respectées et suivies ; l'État partage "
        "ses systèmes de registre avec les autres.",
    ),
    "provision-of-services": (
        "Les restrictions visant les prestataires d'autres États membres sont maintenues.",
        "Restrictions inventoriées ; un calendrier national est en préparation.",
        "Restrictions levées dans certains secteurs ; l'entrée des prestataires est traitée au cas par cas.",
        "Restrictions levées comme prévu ; procédures d'entrée et de séjour temporaire des prestataires publiées "
        "et appliquées.",
        "Régime des services pleinement appliqué, avec des données de suivi ; l'État conseille les autres sur "
        "la libéralisation sectorielle.",
    ),
    "movement-of-capital": (
        "Les transferts de capitaux entre États membres sont restreints.",
        "Restrictions recensées ; un calendrier de levée est en discussion.",
        "Certaines restrictions levées ; la cotation croisée des titres et la réglementation restent fragmentées.",
        "Restrictions levées en droit et en pratique ; procédures d'investissement et de cotation "
        "transfrontaliers publiées.",
        "Intégré au marché régional des capitaux, avec coopération réglementaire et statistiques publiées.",
    ),
    "free-movement-of-goods": (
        "Les marchandises originaires de la Communauté subissent des droits ou des obstacles non tarifaires.",
        "Tarif extérieur commun adopté en droit ; procédures douanières pas encore alignées.",
        "Franchise de droits appliquée ; contrôles des règles d'origine et des normes inégaux.",
        "Procédures douanières, de normalisation et sanitaires alignées sur les règles communautaires et "
        "appliquées de façon cohérente ; différends réglés par l'intermédiaire du Secrétariat.",
        "Guichet unique électronique, contrôles fondés sur les risques et délais de dédouanement publiés ; "
        "l'État partage ses systèmes douaniers avec les autres.",
    ),
    "labour-admin": (
        "Aucune administration du travail en fonctionnement.",
        "Un département du travail existe, avec un personnel minimal et aucun service planifié.",
        "Les services essentiels existent, mais manquent de moyens et ne sont pas suivis.",
        "Un ministère du travail fournit des services planifiés, avec un personnel formé, des données et le "
        "dialogue social.",
        "Les services sont évalués au regard d'objectifs et améliorés ; le ministère partage sa pratique avec "
        "les autres.",
    ),
    "public-employment-services": (
        "Aucun service public de l'emploi.",
        "Offres d'emploi affichées ou transmises par téléphone ; aucun registre des demandeurs d'emploi.",
        "Des bureaux de l'emploi enregistrent demandeurs et offres et orientent ; ni cadre de performance ni "
        "plan de crise.",
        "Service de l'emploi doté d'un système de placement, de conseil, de programmes d'employabilité et d'un "
        "cadre d'évaluation des performances ; procédures de réponse aux crises en place.",
        "Mise en relation numérique, partenariats avec des prestataires privés, résultats mesurés et publiés ; "
        "évaluations par les pairs et formation des services d'autres États.",
    ),
    "labour-market-information": (
        "Aucune donnée sur le marché du travail n'est collectée.",
        "Données ponctuelles de recensement ou d'enquête ; aucune unité chargée de l'analyse.",
        "Enquête sur la population active irrégulière ; données administratives conservées, mais non partagées "
        "entre institutions.",
        "Un système d'information sur le marché du travail (SIMT) avec une enquête régulière sur la population "
        "active, des données administratives partagées et des publications régulières.",
        "SIMT intégré, avec des données régionales comparables et une prévision des compétences ; l'unité "
        "appuie les systèmes d'autres États.",
    ),
    "labour-inspection": (
        "Aucune inspection du travail.",
        "Inspections seulement sur plainte, sans plan ni dossiers.",
        "Inspecteurs en poste avec un plan annuel ; dossiers sur papier ; peu de visites de suivi.",
        "Inspection planifiée et fondée sur les risques, inspecteurs formés, dossiers électroniques, mesures "
        "coercitives et rapport annuel.",
        "Stratégie d'inspection évaluée et publiée ; l'inspection forme les inspecteurs d'autres États.",
    ),
    "labour-migration": (
        "Aucune politique ni administration de la migration de main-d'œuvre.",
        "Permis de travail délivrés sans critères publiés ; aucune donnée sur la migration de main-d'œuvre.",
        "Procédures de permis de travail écrites ; programmes saisonniers gérés ; données incomplètes et non "
        "partagées entre organismes.",
        "Politique nationale de migration de main-d'œuvre adoptée ; recrutement réglementé ; données partagées "
        "entre les services du travail, de l'immigration et de la statistique.",
        "Politique suivie avec des données comparables, des accords bilatéraux et des services de protection ; "
        "l'État contribue au réseau régional et accueille ses pairs.",
    ),
    "occupational-safety-health": (
        "Aucune législation sur la sécurité et la santé au travail.",
        "Législation en projet ou dépassée ; aucun agent dédié.",
        "Loi SST en vigueur et agents en poste ; déclaration des accidents incomplète.",
        "Loi SST appliquée, avec une politique nationale, un conseil tripartite, la déclaration des accidents "
        "et maladies et des campagnes de prévention.",
        "Programme national SST aux résultats mesurés, avec des formateurs certifiés ; l'État forme les agents "
        "d'autres États.",
    ),
}

# Language names: code → (French, Spanish, Dutch)
LANGUAGE_NAMES = {
    "en": ("anglais", "inglés", "Engels"),
    "fr": ("français", "francés", "Frans"),
    "es": ("espagnol", "español", "Spaans"),
    "nl": ("néerlandais", "neerlandés", "Nederlands"),
    "ht": ("créole haïtien", "criollo haitiano", "Haïtiaans Creools"),
}

# code: the level texts 0–4 in Spanish and in Dutch, for the areas of the demo's main stories
# (Belize's accreditation request, the Saint Lucia public-employment-services workshop).
LEVELS_ES = {
    "accreditation-equivalency": (
        "No existe un organismo nacional de acreditación.",
        "Organismo nacional de acreditación nombrado, pero sin procedimientos.",
        "El organismo de acreditación ha adoptado criterios y procedimientos e iniciado sus primeras "
        "evaluaciones; la equivalencia de las cualificaciones se evalúa caso por caso.",
        "Organismo de acreditación en funcionamiento, con procedimientos publicados; acredita programas e "
        "instituciones y emite declaraciones de equivalencia en plazos fijados.",
        "Organismo de acreditación en funcionamiento, con procedimientos publicados y su propio aseguramiento "
        "de la calidad evaluado por un organismo externo; forma y acoge a los organismos de acreditación de "
        "otros Estados.",
    ),
    "public-employment-services": (
        "No existe un servicio público de empleo.",
        "Vacantes publicadas en un tablón o por teléfono; no hay registro de solicitantes de empleo.",
        "Las oficinas de empleo registran solicitantes y vacantes y hacen derivaciones; sin marco de "
        "desempeño ni plan de crisis.",
        "Servicio de empleo con un sistema de intermediación, orientación, programas de empleabilidad y un "
        "marco de evaluación del desempeño; procedimientos de respuesta a crisis establecidos.",
        "Intermediación digital, alianzas con proveedores privados, resultados medidos y publicados; "
        "evaluaciones entre pares y formación para los servicios de otros Estados.",
    ),
}

LEVELS_NL = {
    "accreditation-equivalency": (
        "Geen nationaal accreditatieorgaan.",
        "Nationaal accreditatieorgaan benoemd, maar zonder procedures.",
        "Het accreditatieorgaan heeft criteria en procedures vastgesteld en de eerste beoordelingen "
        "gestart; de gelijkwaardigheid van diploma's wordt per geval beoordeeld.",
        "Accreditatieorgaan in werking met gepubliceerde procedures; het accrediteert opleidingen en "
        "instellingen en geeft binnen vaste termijnen verklaringen van gelijkwaardigheid af.",
        "Accreditatieorgaan in werking met gepubliceerde procedures, waarvan de eigen kwaliteitszorg door een "
        "externe instantie wordt getoetst; het leidt accreditatieorganen van andere staten op en ontvangt ze.",
    ),
    "public-employment-services": (
        "Geen openbare arbeidsbemiddeling.",
        "Vacatures op een prikbord of per telefoon; geen register van werkzoekenden.",
        "Arbeidsbureaus registreren werkzoekenden en vacatures en verwijzen door; geen prestatiekader of crisisplan.",
        "Arbeidsbemiddeling met een bemiddelingssysteem, begeleiding, programma's voor inzetbaarheid en een "
        "kader voor prestatiemeting; procedures voor crisisrespons zijn er.",
        "Digitale bemiddeling, samenwerking met private aanbieders, resultaten gemeten en gepubliceerd; "
        "collegiale toetsing en opleiding voor de diensten van andere staten.",
    ),
}
