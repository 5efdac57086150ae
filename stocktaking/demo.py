"""Plausible demo stocktaking entries in the six UN languages, and a fast bulk loader for them.

`generate()` is a pure, seeded generator (it only reads the reference data once); `load()` writes its
output with PostgreSQL COPY. Never used by the portal itself: `manage.py load_entries` and tests only.
The phrase tables below are long by nature; they stay in this module rather than a package because
nothing else imports them.
"""

# ruff: noqa: E501 - the phrase tables keep one text per line, in every language, for review

from __future__ import annotations

import datetime
import functools
import importlib
import itertools
import json
import math
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils.text import slugify

from accounts.models import User
from actionlines.models import ActionLine, MatrixLink, SdgTarget, WsisTarget
from stakeholders.models import Country, Membership, Organisation, Region, StakeholderType
from stocktaking.models import Entry, EntryActionLine, EntrySdgTarget, EntryTranslation

LANGS = ("en", "fr", "es", "ru", "ar", "zh")
LANGUAGE_WEIGHTS = {"en": 55, "fr": 15, "es": 12, "ar": 7, "ru": 6, "zh": 5}
# Countries where an entry in that language is natural; English entries come from anywhere.
LANGUAGE_COUNTRIES = {
    "fr": (
        "SEN", "CIV", "MLI", "BFA", "NER", "TCD", "CMR", "COD", "COG", "GAB", "BEN", "TGO", "GIN", "MDG",
        "HTI", "FRA", "BEL", "CHE", "LUX", "TUN", "MAR", "DZA", "CAN", "BDI", "RWA", "DJI", "COM", "MRT",
        "CAF", "SYC", "VUT",
    ),
    "es": (
        "ARG", "BOL", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "SLV", "GTM", "HND", "MEX", "NIC", "PAN",
        "PRY", "PER", "URY", "VEN", "ESP", "GNQ",
    ),
    "ar": (
        "DZA", "BHR", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MAR", "OMN", "PSE", "QAT", "SAU", "SDN",
        "SYR", "TUN", "ARE", "YEM", "MRT",
    ),
    "ru": ("RUS", "BLR", "KAZ", "KGZ", "TJK", "UZB", "ARM", "AZE", "TKM", "MDA"),
    "zh": ("CHN", "HKG", "MAC", "SGP"),
}  # fmt: skip
AS_OF = datetime.date(2026, 11, 1)  # fixed, so that a seed gives the same dates on any day
FIRST_DAY = datetime.date(2005, 1, 1)
UNITS = (
    "C1", "C2", "C3", "C4", "C5", "C6", "C7.1", "C7.2", "C7.3", "C7.4", "C7.5", "C7.6", "C7.7", "C7.8",
    "C8", "C9", "C10", "C11",
)  # fmt: skip
SECRETARIAT_EMAIL = "secretariat@unctad.example.org"
DEMO_USER_NAME = "Demo entries"

# Per unit: title, aim (an infinitive or verbal-noun phrase), three activities, two target groups,
# two technologies. Forms are chosen to fit the sentence frames in FRAMES without case or gender
# agreement: French groups are plain plurals ("aux {g}"), Russian groups are animate genitive
# plurals (also their accusative), Arabic activities are verbal nouns ("تشمل الأنشطة {a}").
Theme = tuple[str, str, tuple[str, str, str], tuple[str, str], tuple[str, str]]
THEMES: dict[str, dict[str, Theme]] = {
    "en": {
        "C1": ("National digital strategy consultation", "build an inclusive national e-strategy with all stakeholders", ("convenes ministries, companies and civil society in public consultations", "drafts a costed national ICT action plan", "publishes annual progress reports against measurable targets"), ("policy makers", "local government officials"), ("an open online consultation platform", "a public dashboard of ICT indicators")),
        "C2": ("Rural broadband for community access points", "extend affordable broadband to underserved villages", ("deploys fibre backhaul and solar-powered wireless towers", "connects schools, clinics and post offices", "trains local operators to maintain the network"), ("rural households", "small municipalities"), ("low-cost satellite links", "open-access fibre and 4G networks")),
        "C3": ("Open access to public information", "make public-interest information and knowledge freely accessible", ("digitizes library and archive collections", "opens community multimedia centres", "publishes government data under open licences"), ("students and researchers", "library users in small towns"), ("an open data portal", "offline digital libraries on low-cost servers")),
        "C4": ("Digital skills for all", "give young people and adults the digital skills they need", ("trains trainers in every province", "runs free courses in basic and advanced digital skills", "certifies participants against a recognized skills framework"), ("unemployed young people", "women returning to work"), ("a blended e-learning platform", "mobile training buses equipped with laptops")),
        "C5": ("National cybersecurity capacity", "strengthen confidence and security in the use of ICTs", ("sets up a national computer incident response team", "runs awareness campaigns on online safety", "trains prosecutors and police officers on cybercrime"), ("small businesses", "children and parents"), ("a shared threat-intelligence platform", "a national incident reporting hotline")),
        "C6": ("Enabling regulatory framework for the digital economy", "create a predictable, pro-competitive legal and regulatory environment for ICTs", ("reviews telecommunication and data protection laws", "introduces spectrum and infrastructure-sharing rules", "consults operators and consumer groups on draft regulations"), ("regulators and legislators", "new market entrants"), ("a regulatory impact assessment toolkit", "an online licensing system")),
        "C7.1": ("One-stop e-government services", "bring public services closer to citizens through online channels", ("moves civil registration and tax services online", "connects ministries through a secure government network", "opens assisted service points in district offices"), ("citizens in remote districts", "public servants"), ("a digital identity system", "an interoperable government service bus")),
        "C7.2": ("E-commerce readiness for small enterprises", "help small and medium-sized enterprises sell online", ("trains entrepreneurs in online marketing and payments", "links producers to national and regional e-commerce platforms", "simplifies cross-border parcel and payment procedures"), ("women-led small businesses", "artisans and cooperatives"), ("mobile money payments", "a shared online marketplace")),
        "C7.3": ("Connected classrooms", "improve learning outcomes with digital content and connected schools", ("connects schools to the Internet", "trains teachers to use open educational resources", "develops digital textbooks aligned with the national curriculum"), ("primary and secondary teachers", "pupils in rural schools"), ("tablets loaded with offline content", "a national learning management system")),
        "C7.4": ("Telemedicine for district hospitals", "extend quality health care to remote communities", ("links district hospitals to specialists through teleconsultation", "digitizes patient records in primary health centres", "sends maternal health reminders by SMS"), ("health workers", "pregnant women and new mothers"), ("electronic health records", "a telemedicine network over satellite and mobile links")),
        "C7.5": ("Online jobs and digital work", "help jobseekers find decent work in the digital economy", ("matches jobseekers and employers on an online employment portal", "prepares young people for remote digital work", "promotes telework in the public sector"), ("young graduates", "persons with disabilities"), ("an online job-matching portal", "coworking hubs with shared broadband")),
        "C7.6": ("Early warning and environmental monitoring", "use ICTs to monitor the environment and warn communities of disasters", ("installs automatic weather stations", "broadcasts early warnings by SMS and community radio", "promotes the collection and recycling of electronic waste"), ("coastal and farming communities", "disaster management agencies"), ("automatic weather stations", "a multi-hazard early warning system")),
        "C7.7": ("Digital advisory services for farmers", "give smallholder farmers timely information on markets, weather and good practices", ("sends crop and weather advice to farmers' phones", "publishes prices from regional markets", "trains extension workers in digital tools"), ("smallholder farmers", "agricultural extension workers"), ("SMS and voice advisory services", "a farm management mobile application")),
        "C7.8": ("Research and education network", "connect researchers and support open science", ("links universities through a national research and education network", "gives researchers access to shared computing and data services", "promotes open access publishing"), ("university researchers", "doctoral students"), ("high-capacity research network links", "a shared cloud computing facility")),
        "C8": ("Local content in local languages", "promote cultural and linguistic diversity and local content online", ("digitizes oral traditions and cultural heritage", "develops keyboards and tools for local languages", "supports local creators publishing online"), ("indigenous communities", "local artists and writers"), ("an open multilingual content platform", "speech and text tools for under-resourced languages")),
        "C9": ("Community media and media literacy", "support free, pluralistic and independent media", ("trains journalists in digital reporting and verification", "equips community radio stations", "runs media and information literacy workshops"), ("community radio volunteers", "young journalists"), ("low-cost digital broadcasting equipment", "an online fact-checking network")),
        "C10": ("Ethics of artificial intelligence and the Information Society", "promote the ethical, rights-based use of ICTs and artificial intelligence", ("convenes public dialogues on the ethics of artificial intelligence", "publishes guidelines on privacy and data use", "trains public officials on human rights online"), ("public officials", "students and educators"), ("an algorithmic impact assessment method", "online courses on information ethics")),
        "C11": ("Regional cooperation on ICT for development", "strengthen international and regional cooperation to bridge the digital divide", ("brings member States together in a regional working group", "shares good practices through peer-learning workshops", "mobilizes financing for cross-border ICT projects"), ("member State delegations", "regional economic communities"), ("a regional knowledge-sharing platform", "joint monitoring indicators")),
    },
    "fr": {
        "C1": ("Concertation nationale sur la stratégie numérique", "élaborer avec toutes les parties prenantes une cyberstratégie nationale inclusive", ("réunit ministères, entreprises et société civile en consultations publiques", "rédige un plan d'action national chiffré pour les TIC", "publie chaque année un rapport d'avancement au regard de cibles mesurables"), ("décideurs publics", "agents des collectivités locales"), ("une plateforme de consultation en ligne", "un tableau de bord public des indicateurs TIC")),
        "C2": ("Haut débit rural pour les points d'accès communautaires", "étendre un haut débit abordable aux villages mal desservis", ("déploie de la fibre et des pylônes hertziens alimentés à l'énergie solaire", "raccorde écoles, centres de santé et bureaux de poste", "forme des opérateurs locaux à l'entretien du réseau"), ("ménages ruraux", "habitants des petites communes"), ("des liaisons satellitaires à bas coût", "des réseaux fibre et 4G en accès ouvert")),
        "C3": ("Accès ouvert à l'information publique", "rendre librement accessibles l'information et le savoir d'intérêt public", ("numérise les fonds des bibliothèques et des archives", "ouvre des centres multimédias communautaires", "publie les données publiques sous licence ouverte"), ("étudiants et chercheurs", "usagers des bibliothèques des petites villes"), ("un portail de données ouvertes", "des bibliothèques numériques hors ligne sur des serveurs peu coûteux")),
        "C4": ("Compétences numériques pour tous", "doter les jeunes et les adultes des compétences numériques dont ils ont besoin", ("forme des formateurs dans chaque province", "propose des cours gratuits de compétences numériques de base et avancées", "certifie les participants selon un référentiel de compétences reconnu"), ("jeunes sans emploi", "femmes en reprise d'activité"), ("une plateforme d'apprentissage hybride", "des bus de formation équipés d'ordinateurs portables")),
        "C5": ("Capacités nationales en cybersécurité", "renforcer la confiance et la sécurité dans l'utilisation des TIC", ("met en place une équipe nationale de réponse aux incidents informatiques", "mène des campagnes de sensibilisation à la sécurité en ligne", "forme magistrats et policiers à la lutte contre la cybercriminalité"), ("dirigeants de petites entreprises", "enfants et parents"), ("une plateforme partagée de veille sur les menaces", "une ligne nationale de signalement des incidents")),
        "C6": ("Cadre réglementaire propice à l'économie numérique", "créer un environnement juridique et réglementaire prévisible et favorable à la concurrence", ("révise les lois sur les télécommunications et la protection des données", "introduit des règles de partage des infrastructures et du spectre", "consulte opérateurs et associations de consommateurs sur les projets de textes"), ("régulateurs et législateurs", "nouveaux entrants sur le marché"), ("une boîte à outils d'analyse d'impact réglementaire", "un système de licences en ligne")),
        "C7.1": ("Guichet unique de services publics en ligne", "rapprocher les services publics des citoyens grâce aux canaux numériques", ("met en ligne l'état civil et les services fiscaux", "relie les ministères par un réseau gouvernemental sécurisé", "ouvre des points de service assisté dans les préfectures"), ("citoyens des districts éloignés", "agents publics"), ("un système d'identité numérique", "une plateforme d'interopérabilité des administrations")),
        "C7.2": ("Préparation des petites entreprises au commerce électronique", "aider les petites et moyennes entreprises à vendre en ligne", ("forme les entrepreneurs au marketing et aux paiements en ligne", "met les producteurs en relation avec des plateformes de commerce électronique", "simplifie les procédures de colis et de paiement transfrontières"), ("entrepreneuses", "artisans et membres de coopératives"), ("le paiement par téléphone mobile", "une place de marché en ligne partagée")),
        "C7.3": ("Classes connectées", "améliorer les apprentissages grâce aux contenus numériques et aux écoles connectées", ("connecte les écoles à l'Internet", "forme les enseignants à l'usage des ressources éducatives libres", "produit des manuels numériques conformes au programme national"), ("enseignants du primaire et du secondaire", "élèves des écoles rurales"), ("des tablettes dotées de contenus hors ligne", "une plateforme nationale de gestion des apprentissages")),
        "C7.4": ("Télémédecine pour les hôpitaux de district", "offrir des soins de qualité aux communautés isolées", ("relie les hôpitaux de district aux spécialistes par téléconsultation", "informatise les dossiers des patients dans les centres de santé", "envoie des rappels de santé maternelle par SMS"), ("agents de santé", "femmes enceintes et jeunes mères"), ("le dossier médical électronique", "un réseau de télémédecine par satellite et par mobile")),
        "C7.5": ("Emploi en ligne et travail numérique", "aider les demandeurs d'emploi à trouver un travail décent dans l'économie numérique", ("met en relation demandeurs d'emploi et employeurs sur un portail en ligne", "prépare les jeunes au travail numérique à distance", "encourage le télétravail dans la fonction publique"), ("jeunes diplômés", "personnes handicapées"), ("un portail en ligne de mise en relation", "des espaces de travail partagés raccordés au haut débit")),
        "C7.6": ("Alerte précoce et surveillance de l'environnement", "utiliser les TIC pour surveiller l'environnement et alerter les populations en cas de catastrophe", ("installe des stations météorologiques automatiques", "diffuse des alertes précoces par SMS et par les radios communautaires", "favorise la collecte et le recyclage des déchets électroniques"), ("habitants des zones côtières et agricoles", "agents de la protection civile"), ("des stations météorologiques automatiques", "un système d'alerte précoce multirisque")),
        "C7.7": ("Conseil agricole numérique", "fournir aux petits exploitants des informations à jour sur les marchés, la météo et les bonnes pratiques", ("envoie des conseils culturaux et météorologiques sur le téléphone des agriculteurs", "publie les prix relevés sur les marchés régionaux", "forme les conseillers agricoles aux outils numériques"), ("petits exploitants agricoles", "conseillers agricoles"), ("des services de conseil par SMS et messages vocaux", "une application mobile de gestion des exploitations")),
        "C7.8": ("Réseau national de recherche et d'éducation", "relier les chercheurs et soutenir la science ouverte", ("relie les universités par un réseau national de recherche et d'éducation", "donne aux chercheurs accès à des services partagés de calcul et de données", "encourage la publication en libre accès"), ("chercheurs universitaires", "doctorants"), ("des liaisons de recherche à haut débit", "une infrastructure infonuagique partagée")),
        "C8": ("Contenus locaux en langues locales", "promouvoir la diversité culturelle et linguistique et les contenus locaux en ligne", ("numérise les traditions orales et le patrimoine culturel", "développe claviers et outils pour les langues locales", "accompagne les créateurs locaux qui publient en ligne"), ("membres des communautés autochtones", "artistes et auteurs locaux"), ("une plateforme multilingue de contenus libres", "des outils vocaux et textuels pour les langues peu dotées")),
        "C9": ("Médias communautaires et éducation aux médias", "soutenir des médias libres, pluralistes et indépendants", ("forme des journalistes au reportage numérique et à la vérification des faits", "équipe des radios communautaires", "anime des ateliers d'éducation aux médias et à l'information"), ("bénévoles des radios communautaires", "jeunes journalistes"), ("du matériel de diffusion numérique à bas coût", "un réseau de vérification des faits en ligne")),
        "C10": ("Éthique de l'intelligence artificielle et société de l'information", "promouvoir un usage éthique des TIC et de l'intelligence artificielle, fondé sur les droits", ("organise des dialogues publics sur l'éthique de l'intelligence artificielle", "publie des lignes directrices sur la vie privée et l'usage des données", "forme les agents publics aux droits de l'homme en ligne"), ("agents publics", "élèves et enseignants"), ("une méthode d'évaluation de l'impact des algorithmes", "des cours en ligne sur l'éthique de l'information")),
        "C11": ("Coopération régionale sur les TIC au service du développement", "renforcer la coopération internationale et régionale pour réduire la fracture numérique", ("réunit les États membres au sein d'un groupe de travail régional", "partage les bonnes pratiques lors d'ateliers d'apprentissage entre pairs", "mobilise des financements pour des projets TIC transfrontières"), ("délégués des États membres", "experts des communautés économiques régionales"), ("une plateforme régionale de partage des connaissances", "des indicateurs de suivi communs")),
    },
    "es": {
        "C1": ("Consulta nacional sobre la estrategia digital", "construir con todas las partes interesadas una estrategia nacional de TIC inclusiva", ("reúne a ministerios, empresas y sociedad civil en consultas públicas", "redacta un plan nacional de acción en TIC con presupuesto", "publica informes anuales de avance frente a metas medibles"), ("responsables de políticas públicas", "funcionarios de gobiernos locales"), ("una plataforma de consulta en línea", "un tablero público de indicadores de TIC")),
        "C2": ("Banda ancha rural para puntos de acceso comunitario", "llevar banda ancha asequible a las comunidades desatendidas", ("despliega fibra óptica y torres inalámbricas alimentadas con energía solar", "conecta escuelas, centros de salud y oficinas de correo", "capacita a operadores locales para mantener la red"), ("hogares rurales", "habitantes de pequeños municipios"), ("enlaces satelitales de bajo costo", "redes de fibra y 4G de acceso abierto")),
        "C3": ("Acceso abierto a la información pública", "poner a libre disposición la información y el conocimiento de interés público", ("digitaliza colecciones de bibliotecas y archivos", "abre centros multimedia comunitarios", "publica datos gubernamentales con licencias abiertas"), ("estudiantes e investigadores", "usuarios de bibliotecas de ciudades pequeñas"), ("un portal de datos abiertos", "bibliotecas digitales sin conexión en servidores de bajo costo")),
        "C4": ("Habilidades digitales para todos", "dar a jóvenes y adultos las competencias digitales que necesitan", ("forma formadores en cada provincia", "ofrece cursos gratuitos de competencias digitales básicas y avanzadas", "certifica a los participantes con un marco de competencias reconocido"), ("jóvenes desempleados", "mujeres que se reincorporan al trabajo"), ("una plataforma de aprendizaje combinado", "aulas móviles equipadas con computadoras portátiles")),
        "C5": ("Capacidades nacionales de ciberseguridad", "fortalecer la confianza y la seguridad en el uso de las TIC", ("crea un equipo nacional de respuesta a incidentes informáticos", "realiza campañas de sensibilización sobre seguridad en línea", "capacita a fiscales y policías en ciberdelincuencia"), ("pequeños empresarios", "niñas, niños y sus familias"), ("una plataforma compartida de inteligencia sobre amenazas", "una línea nacional de denuncia de incidentes")),
        "C6": ("Marco regulatorio para la economía digital", "crear un entorno jurídico y regulatorio previsible y favorable a la competencia", ("revisa las leyes de telecomunicaciones y de protección de datos", "introduce normas para compartir infraestructura y espectro", "consulta a operadores y asociaciones de consumidores sobre los proyectos de reglamento"), ("reguladores y legisladores", "nuevos operadores del mercado"), ("una guía de análisis de impacto regulatorio", "un sistema de licencias en línea")),
        "C7.1": ("Ventanilla única de servicios públicos en línea", "acercar los servicios públicos a la ciudadanía mediante canales digitales", ("lleva en línea el registro civil y los trámites tributarios", "conecta los ministerios mediante una red gubernamental segura", "abre puntos de atención asistida en las oficinas distritales"), ("ciudadanos de distritos remotos", "servidores públicos"), ("un sistema de identidad digital", "una plataforma de interoperabilidad del Estado")),
        "C7.2": ("Comercio electrónico para pequeñas empresas", "ayudar a las pequeñas y medianas empresas a vender en línea", ("capacita a emprendedores en mercadeo y pagos en línea", "vincula a productores con plataformas de comercio electrónico nacionales y regionales", "simplifica los envíos y pagos transfronterizos"), ("mujeres empresarias", "artesanos y cooperativistas"), ("pagos móviles", "un mercado en línea compartido")),
        "C7.3": ("Aulas conectadas", "mejorar los aprendizajes con contenidos digitales y escuelas conectadas", ("conecta escuelas a Internet", "forma a docentes en el uso de recursos educativos abiertos", "elabora libros de texto digitales alineados con el currículo nacional"), ("docentes de primaria y secundaria", "estudiantes de escuelas rurales"), ("tabletas con contenidos sin conexión", "una plataforma nacional de gestión del aprendizaje")),
        "C7.4": ("Telemedicina para hospitales distritales", "llevar atención de salud de calidad a comunidades remotas", ("conecta hospitales distritales con especialistas mediante teleconsulta", "digitaliza las historias clínicas en los centros de atención primaria", "envía recordatorios de salud materna por SMS"), ("trabajadores de la salud", "mujeres embarazadas y madres recientes"), ("historias clínicas electrónicas", "una red de telemedicina por satélite y telefonía móvil")),
        "C7.5": ("Empleo en línea y trabajo digital", "ayudar a quienes buscan empleo a encontrar trabajo decente en la economía digital", ("vincula a buscadores de empleo y empleadores en un portal en línea", "prepara a jóvenes para el trabajo digital a distancia", "promueve el teletrabajo en el sector público"), ("jóvenes recién titulados", "personas con discapacidad"), ("un portal de intermediación laboral en línea", "espacios de trabajo compartido con banda ancha")),
        "C7.6": ("Alerta temprana y monitoreo ambiental", "usar las TIC para vigilar el medio ambiente y alertar a las comunidades ante desastres", ("instala estaciones meteorológicas automáticas", "difunde alertas tempranas por SMS y radios comunitarias", "promueve la recolección y el reciclaje de residuos electrónicos"), ("comunidades costeras y agrícolas", "organismos de gestión de desastres"), ("estaciones meteorológicas automáticas", "un sistema de alerta temprana multiamenaza")),
        "C7.7": ("Asistencia técnica digital para agricultores", "dar a los pequeños productores información oportuna sobre mercados, clima y buenas prácticas", ("envía recomendaciones de cultivo y clima a los teléfonos de los agricultores", "publica los precios de los mercados regionales", "capacita a extensionistas en herramientas digitales"), ("pequeños productores agrícolas", "extensionistas agrícolas"), ("servicios de asesoría por SMS y voz", "una aplicación móvil de gestión de fincas")),
        "C7.8": ("Red de investigación y educación", "conectar a los investigadores y apoyar la ciencia abierta", ("enlaza universidades mediante una red nacional de investigación y educación", "da acceso a servicios compartidos de cómputo y datos", "promueve la publicación en acceso abierto"), ("investigadores universitarios", "estudiantes de doctorado"), ("enlaces de investigación de alta capacidad", "una nube de cómputo compartida")),
        "C8": ("Contenidos locales en lenguas originarias", "promover la diversidad cultural y lingüística y los contenidos locales en línea", ("digitaliza tradiciones orales y patrimonio cultural", "desarrolla teclados y herramientas para lenguas originarias", "acompaña a creadores locales que publican en línea"), ("pueblos indígenas", "artistas y escritores locales"), ("una plataforma multilingüe de contenidos abiertos", "herramientas de voz y texto para lenguas con pocos recursos")),
        "C9": ("Medios comunitarios y alfabetización mediática", "apoyar medios libres, plurales e independientes", ("capacita a periodistas en reportería digital y verificación", "equipa a radios comunitarias", "organiza talleres de alfabetización mediática e informacional"), ("voluntarios de radios comunitarias", "periodistas jóvenes"), ("equipos de transmisión digital de bajo costo", "una red de verificación de datos en línea")),
        "C10": ("Ética de la inteligencia artificial y sociedad de la información", "promover un uso ético de las TIC y de la inteligencia artificial basado en los derechos", ("organiza diálogos públicos sobre la ética de la inteligencia artificial", "publica directrices sobre privacidad y uso de datos", "capacita a funcionarios en derechos humanos en línea"), ("funcionarios públicos", "estudiantes y docentes"), ("un método de evaluación del impacto algorítmico", "cursos en línea sobre ética de la información")),
        "C11": ("Cooperación regional en TIC para el desarrollo", "fortalecer la cooperación internacional y regional para cerrar la brecha digital", ("reúne a los Estados miembros en un grupo de trabajo regional", "intercambia buenas prácticas en talleres de aprendizaje entre pares", "moviliza financiamiento para proyectos de TIC transfronterizos"), ("delegaciones de los Estados miembros", "organismos de integración regional"), ("una plataforma regional de intercambio de conocimientos", "indicadores comunes de seguimiento")),
    },
    "ru": {
        "C1": ("Национальные консультации по цифровой стратегии", "разработать вместе со всеми заинтересованными сторонами инклюзивную национальную стратегию в области ИКТ", ("проводит общественные консультации с участием министерств, бизнеса и гражданского общества", "готовит национальный план действий в области ИКТ с оценкой затрат", "ежегодно публикует доклады о ходе работы с измеримыми показателями"), ("разработчиков государственной политики", "служащих органов местного самоуправления"), ("открытую онлайн-платформу для консультаций", "общедоступную панель показателей ИКТ")),
        "C2": ("Сельский широкополосный доступ для пунктов коллективного пользования", "обеспечить недорогой широкополосный доступ в отдалённых сёлах", ("прокладывает волоконно-оптические линии и строит беспроводные вышки на солнечной энергии", "подключает школы, больницы и почтовые отделения", "обучает местных операторов обслуживанию сети"), ("сельских жителей", "работников небольших муниципалитетов"), ("недорогие спутниковые каналы связи", "открытые волоконно-оптические сети и сети 4G")),
        "C3": ("Открытый доступ к общественной информации", "сделать общественно значимую информацию и знания свободно доступными", ("оцифровывает библиотечные и архивные фонды", "открывает общественные мультимедийные центры", "публикует государственные данные под открытыми лицензиями"), ("студентов и исследователей", "читателей библиотек малых городов"), ("портал открытых данных", "автономные цифровые библиотеки на недорогих серверах")),
        "C4": ("Цифровые навыки для всех", "дать молодёжи и взрослым необходимые цифровые навыки", ("готовит преподавателей-тренеров в каждом регионе", "проводит бесплатные курсы базовых и продвинутых цифровых навыков", "сертифицирует участников по признанной рамке компетенций"), ("безработных молодых людей", "женщин, возвращающихся на работу"), ("платформу смешанного обучения", "мобильные учебные классы с ноутбуками")),
        "C5": ("Национальный потенциал в области кибербезопасности", "укрепить доверие и безопасность при использовании ИКТ", ("создаёт национальную группу реагирования на компьютерные инциденты", "проводит информационные кампании о безопасности в интернете", "обучает прокуроров и сотрудников полиции противодействию киберпреступности"), ("представителей малого бизнеса", "детей и родителей"), ("общую платформу обмена данными об угрозах", "национальную горячую линию для сообщений об инцидентах")),
        "C6": ("Нормативная база цифровой экономики", "создать предсказуемую правовую и регуляторную среду, благоприятную для конкуренции", ("пересматривает законы об электросвязи и защите данных", "вводит правила совместного использования инфраструктуры и спектра", "обсуждает проекты нормативных актов с операторами и обществами потребителей"), ("сотрудников регуляторов и законодателей", "новых участников рынка"), ("методику оценки регулирующего воздействия", "систему онлайн-лицензирования")),
        "C7.1": ("Единое окно электронных государственных услуг", "приблизить государственные услуги к гражданам с помощью цифровых каналов", ("переводит в электронный вид регистрацию актов гражданского состояния и налоговые услуги", "соединяет министерства защищённой государственной сетью", "открывает пункты помощи в получении услуг в районных центрах"), ("жителей отдалённых районов", "государственных служащих"), ("систему цифровой идентификации", "межведомственную платформу взаимодействия")),
        "C7.2": ("Электронная торговля для малых предприятий", "помочь малым и средним предприятиям продавать товары через интернет", ("обучает предпринимателей интернет-маркетингу и онлайн-платежам", "выводит производителей на национальные и региональные торговые площадки", "упрощает трансграничную доставку посылок и платежи"), ("женщин-предпринимателей", "ремесленников и членов кооперативов"), ("мобильные платежи", "общую онлайн-площадку")),
        "C7.3": ("Подключённые классы", "повысить качество обучения с помощью цифрового контента и подключения школ", ("подключает школы к интернету", "обучает учителей использованию открытых образовательных ресурсов", "создаёт цифровые учебники по национальной программе"), ("учителей начальных и средних школ", "учеников сельских школ"), ("планшеты с офлайн-контентом", "национальную систему управления обучением")),
        "C7.4": ("Телемедицина для районных больниц", "обеспечить качественную медицинскую помощь жителям отдалённых районов", ("связывает районные больницы со специалистами через телеконсультации", "переводит медицинские карты пациентов в электронный вид", "рассылает SMS-напоминания по охране материнства"), ("медицинских работников", "беременных женщин и молодых матерей"), ("электронные медицинские карты", "телемедицинскую сеть на базе спутниковой и мобильной связи")),
        "C7.5": ("Онлайн-занятость и цифровой труд", "помочь соискателям найти достойную работу в цифровой экономике", ("сводит соискателей и работодателей на онлайн-портале вакансий", "готовит молодёжь к удалённой цифровой работе", "продвигает дистанционную работу в государственном секторе"), ("молодых выпускников", "людей с инвалидностью"), ("онлайн-портал подбора вакансий", "коворкинг-центры с общим широкополосным доступом")),
        "C7.6": ("Раннее предупреждение и экологический мониторинг", "использовать ИКТ для мониторинга окружающей среды и оповещения населения о бедствиях", ("устанавливает автоматические метеостанции", "распространяет сигналы раннего предупреждения по SMS и через местное радио", "содействует сбору и переработке электронных отходов"), ("жителей прибрежных и сельских районов", "сотрудников служб по чрезвычайным ситуациям"), ("автоматические метеостанции", "многоуровневую систему раннего предупреждения")),
        "C7.7": ("Цифровые консультации для фермеров", "своевременно информировать мелких фермеров о рынках, погоде и передовых методах", ("рассылает на телефоны фермеров рекомендации по посевам и прогнозы погоды", "публикует цены региональных рынков", "обучает агрономов-консультантов цифровым инструментам"), ("мелких фермеров", "агрономов-консультантов"), ("консультационные SMS- и голосовые службы", "мобильное приложение для управления хозяйством")),
        "C7.8": ("Сеть для науки и образования", "объединить исследователей и поддержать открытую науку", ("соединяет университеты национальной научно-образовательной сетью", "предоставляет исследователям общие вычислительные ресурсы и сервисы данных", "продвигает публикации в открытом доступе"), ("университетских исследователей", "аспирантов"), ("высокоскоростные научные каналы связи", "общую облачную вычислительную инфраструктуру")),
        "C8": ("Местный контент на местных языках", "поддержать культурное и языковое разнообразие и местный контент в интернете", ("оцифровывает устные традиции и культурное наследие", "разрабатывает раскладки клавиатуры и инструменты для местных языков", "поддерживает местных авторов, публикующихся в интернете"), ("представителей коренных народов", "местных художников и писателей"), ("открытую многоязычную платформу контента", "речевые и текстовые инструменты для малоресурсных языков")),
        "C9": ("Общественные СМИ и медиаграмотность", "поддержать свободные, плюралистические и независимые СМИ", ("обучает журналистов цифровой журналистике и проверке фактов", "оснащает общественные радиостанции", "проводит семинары по медийной и информационной грамотности"), ("волонтёров общественных радиостанций", "молодых журналистов"), ("недорогое цифровое вещательное оборудование", "сеть онлайн-проверки фактов")),
        "C10": ("Этика искусственного интеллекта и информационное общество", "содействовать этичному, основанному на правах человека использованию ИКТ и искусственного интеллекта", ("проводит публичные дискуссии об этике искусственного интеллекта", "публикует рекомендации по защите частной жизни и использованию данных", "обучает государственных служащих вопросам прав человека в интернете"), ("государственных служащих", "учащихся и преподавателей"), ("методику оценки воздействия алгоритмов", "онлайн-курсы по информационной этике")),
        "C11": ("Региональное сотрудничество в области ИКТ в целях развития", "укрепить международное и региональное сотрудничество для преодоления цифрового разрыва", ("объединяет государства-члены в региональную рабочую группу", "распространяет передовой опыт на семинарах по взаимному обучению", "привлекает финансирование для трансграничных проектов в области ИКТ"), ("представителей государств-членов", "экспертов региональных экономических сообществ"), ("региональную платформу обмена знаниями", "общие показатели мониторинга")),
    },
    "ar": {
        "C1": ("المشاورات الوطنية بشأن الاستراتيجية الرقمية", "إعداد استراتيجية وطنية شاملة لتكنولوجيا المعلومات والاتصالات بمشاركة جميع أصحاب المصلحة", ("عقد مشاورات عامة تجمع الوزارات والشركات والمجتمع المدني", "صياغة خطة عمل وطنية لتكنولوجيا المعلومات والاتصالات محددة التكاليف", "نشر تقارير سنوية عن التقدم المحرز قياسا إلى أهداف قابلة للقياس"), ("صانعي السياسات", "موظفي الإدارات المحلية"), ("منصة إلكترونية مفتوحة للتشاور", "لوحة بيانات عامة لمؤشرات تكنولوجيا المعلومات والاتصالات")),
        "C2": ("النطاق العريض الريفي لنقاط النفاذ المجتمعية", "توفير نطاق عريض ميسور التكلفة للقرى المحرومة من الخدمات", ("مد الألياف البصرية وإقامة أبراج لاسلكية تعمل بالطاقة الشمسية", "ربط المدارس والمراكز الصحية ومكاتب البريد", "تدريب مشغلين محليين على صيانة الشبكة"), ("الأسر الريفية", "سكان البلديات الصغيرة"), ("وصلات ساتلية منخفضة التكلفة", "شبكات ألياف بصرية وشبكات الجيل الرابع مفتوحة النفاذ")),
        "C3": ("النفاذ المفتوح إلى المعلومات العامة", "إتاحة المعلومات والمعارف ذات المنفعة العامة مجانا للجميع", ("رقمنة مجموعات المكتبات والمحفوظات", "افتتاح مراكز مجتمعية للوسائط المتعددة", "نشر البيانات الحكومية بتراخيص مفتوحة"), ("الطلاب والباحثين", "رواد المكتبات في المدن الصغيرة"), ("بوابة للبيانات المفتوحة", "مكتبات رقمية غير متصلة بالإنترنت على خوادم منخفضة التكلفة")),
        "C4": ("المهارات الرقمية للجميع", "تزويد الشباب والكبار بالمهارات الرقمية التي يحتاجون إليها", ("تدريب المدربين في كل محافظة", "تقديم دورات مجانية في المهارات الرقمية الأساسية والمتقدمة", "منح المشاركين شهادات وفق إطار معترف به للمهارات"), ("الشباب العاطلين عن العمل", "النساء العائدات إلى سوق العمل"), ("منصة للتعلم المدمج", "حافلات تدريب متنقلة مجهزة بحواسيب محمولة")),
        "C5": ("القدرات الوطنية في مجال الأمن السيبراني", "تعزيز الثقة والأمن في استخدام تكنولوجيا المعلومات والاتصالات", ("إنشاء فريق وطني للاستجابة للحوادث الحاسوبية", "تنظيم حملات توعية بالسلامة على الإنترنت", "تدريب أعضاء النيابة العامة والشرطة على مكافحة الجريمة السيبرانية"), ("أصحاب المؤسسات الصغيرة", "الأطفال وأولياء الأمور"), ("منصة مشتركة لمعلومات التهديدات", "خط وطني للإبلاغ عن الحوادث")),
        "C6": ("إطار تنظيمي مواتٍ للاقتصاد الرقمي", "تهيئة بيئة قانونية وتنظيمية مستقرة ومشجعة على المنافسة", ("مراجعة قوانين الاتصالات وحماية البيانات", "وضع قواعد لتقاسم البنية التحتية والطيف الترددي", "التشاور مع المشغلين وجمعيات المستهلكين بشأن مشاريع اللوائح"), ("موظفي الجهات التنظيمية والمشرعين", "الوافدين الجدد إلى السوق"), ("مجموعة أدوات لتقييم الأثر التنظيمي", "نظام إلكتروني للتراخيص")),
        "C7.1": ("الشباك الموحد للخدمات الحكومية الإلكترونية", "تقريب الخدمات العامة من المواطنين عبر القنوات الرقمية", ("إتاحة خدمات الأحوال المدنية والضرائب عبر الإنترنت", "ربط الوزارات بشبكة حكومية آمنة", "افتتاح نقاط خدمة بمساعدة موظفين في المكاتب المحلية"), ("المواطنين في المناطق النائية", "الموظفين العموميين"), ("نظام للهوية الرقمية", "منصة للتشغيل البيني بين الجهات الحكومية")),
        "C7.2": ("جاهزية المؤسسات الصغيرة للتجارة الإلكترونية", "مساعدة المؤسسات الصغيرة والمتوسطة على البيع عبر الإنترنت", ("تدريب رواد الأعمال على التسويق والدفع الإلكترونيين", "ربط المنتجين بمنصات التجارة الإلكترونية الوطنية والإقليمية", "تبسيط إجراءات الشحن والدفع عبر الحدود"), ("رائدات الأعمال", "الحرفيين وأعضاء التعاونيات"), ("الدفع عبر الهاتف المحمول", "سوق إلكترونية مشتركة")),
        "C7.3": ("الفصول الدراسية المتصلة", "تحسين نتائج التعلم بالمحتوى الرقمي وربط المدارس بالإنترنت", ("ربط المدارس بالإنترنت", "تدريب المعلمين على استخدام الموارد التعليمية المفتوحة", "إعداد كتب مدرسية رقمية متوافقة مع المنهج الوطني"), ("معلمي المرحلتين الابتدائية والثانوية", "تلاميذ المدارس الريفية"), ("أجهزة لوحية محملة بمحتوى غير متصل بالإنترنت", "نظام وطني لإدارة التعلم")),
        "C7.4": ("التطبيب عن بعد للمستشفيات المحلية", "إيصال رعاية صحية جيدة إلى المجتمعات النائية", ("ربط المستشفيات المحلية بالأطباء الاختصاصيين عبر الاستشارات عن بعد", "رقمنة سجلات المرضى في مراكز الرعاية الأولية", "إرسال تذكيرات بشأن صحة الأم عبر الرسائل القصيرة"), ("العاملين الصحيين", "الحوامل والأمهات الجدد"), ("السجلات الصحية الإلكترونية", "شبكة للتطبيب عن بعد عبر السواتل والهواتف المحمولة")),
        "C7.5": ("التوظيف الإلكتروني والعمل الرقمي", "مساعدة الباحثين عن عمل على إيجاد عمل لائق في الاقتصاد الرقمي", ("الربط بين الباحثين عن عمل وأصحاب العمل عبر بوابة إلكترونية", "إعداد الشباب للعمل الرقمي عن بعد", "تشجيع العمل عن بعد في القطاع العام"), ("الخريجين الشباب", "الأشخاص ذوي الإعاقة"), ("بوابة إلكترونية للتوفيق بين العرض والطلب على الوظائف", "مساحات عمل مشتركة موصولة بالنطاق العريض")),
        "C7.6": ("الإنذار المبكر ورصد البيئة", "استخدام تكنولوجيا المعلومات والاتصالات لرصد البيئة وإنذار المجتمعات بالكوارث", ("تركيب محطات أرصاد جوية آلية", "بث الإنذارات المبكرة عبر الرسائل القصيرة والإذاعات المجتمعية", "تشجيع جمع النفايات الإلكترونية وإعادة تدويرها"), ("سكان المناطق الساحلية والزراعية", "موظفي هيئات إدارة الكوارث"), ("محطات أرصاد جوية آلية", "نظام للإنذار المبكر بالأخطار المتعددة")),
        "C7.7": ("الإرشاد الزراعي الرقمي", "تزويد صغار المزارعين بمعلومات آنية عن الأسواق والطقس والممارسات الجيدة", ("إرسال إرشادات زراعية ونشرات جوية إلى هواتف المزارعين", "نشر أسعار الأسواق الإقليمية", "تدريب المرشدين الزراعيين على الأدوات الرقمية"), ("صغار المزارعين", "المرشدين الزراعيين"), ("خدمات إرشاد عبر الرسائل القصيرة والرسائل الصوتية", "تطبيق محمول لإدارة المزارع")),
        "C7.8": ("شبكة البحث والتعليم", "ربط الباحثين ودعم العلم المفتوح", ("ربط الجامعات بشبكة وطنية للبحث والتعليم", "إتاحة خدمات مشتركة للحوسبة والبيانات للباحثين", "تشجيع النشر في إطار النفاذ المفتوح"), ("الباحثين الجامعيين", "طلاب الدكتوراه"), ("وصلات بحثية عالية السعة", "مرفق مشترك للحوسبة السحابية")),
        "C8": ("المحتوى المحلي باللغات المحلية", "تعزيز التنوع الثقافي واللغوي والمحتوى المحلي على الإنترنت", ("رقمنة التقاليد الشفوية والتراث الثقافي", "تطوير لوحات مفاتيح وأدوات للغات المحلية", "دعم المبدعين المحليين الذين ينشرون أعمالهم على الإنترنت"), ("أبناء المجتمعات الأصلية", "الفنانين والكتاب المحليين"), ("منصة مفتوحة متعددة اللغات للمحتوى", "أدوات صوتية ونصية للغات قليلة الموارد")),
        "C9": ("الإعلام المجتمعي والتربية الإعلامية", "دعم وسائط إعلام حرة وتعددية ومستقلة", ("تدريب الصحفيين على الصحافة الرقمية والتحقق من المعلومات", "تجهيز الإذاعات المجتمعية", "تنظيم ورش عمل في الدراية الإعلامية والمعلوماتية"), ("متطوعي الإذاعات المجتمعية", "الصحفيين الشباب"), ("معدات بث رقمي منخفضة التكلفة", "شبكة إلكترونية للتحقق من المعلومات")),
        "C10": ("أخلاقيات الذكاء الاصطناعي ومجتمع المعلومات", "تعزيز الاستخدام الأخلاقي لتكنولوجيا المعلومات والاتصالات والذكاء الاصطناعي على أساس حقوق الإنسان", ("تنظيم حوارات عامة بشأن أخلاقيات الذكاء الاصطناعي", "نشر مبادئ توجيهية بشأن الخصوصية واستخدام البيانات", "تدريب الموظفين العموميين على حقوق الإنسان في الفضاء الرقمي"), ("الموظفين العموميين", "الطلاب والمعلمين"), ("منهجية لتقييم أثر الخوارزميات", "دورات إلكترونية في أخلاقيات المعلومات")),
        "C11": ("التعاون الإقليمي في مجال تكنولوجيا المعلومات والاتصالات من أجل التنمية", "تعزيز التعاون الدولي والإقليمي لسد الفجوة الرقمية", ("جمع الدول الأعضاء في فريق عامل إقليمي", "تبادل الممارسات الجيدة في ورش للتعلم من الأقران", "حشد التمويل لمشاريع عابرة للحدود في مجال تكنولوجيا المعلومات والاتصالات"), ("مندوبي الدول الأعضاء", "خبراء الجماعات الاقتصادية الإقليمية"), ("منصة إقليمية لتبادل المعارف", "مؤشرات رصد مشتركة")),
    },
    "zh": {
        "C1": ("国家数字战略磋商", "与所有利益攸关方共同制定包容性的国家信息通信技术战略", ("组织政府部门、企业和民间社会参加公众磋商", "编制附有成本估算的国家信息通信技术行动计划", "每年对照可衡量的目标发布进展报告"), ("政策制定者", "地方政府工作人员"), ("开放的在线磋商平台", "公开的信息通信技术指标看板")),
        "C2": ("面向社区接入点的农村宽带", "为服务不足的村庄提供可负担的宽带", ("铺设光纤回传线路并建设太阳能供电的无线基站", "为学校、卫生所和邮局接入网络", "培训当地运营人员维护网络"), ("农村家庭", "小城镇居民"), ("低成本卫星链路", "开放接入的光纤和4G网络")),
        "C3": ("公共信息开放获取", "让公共利益信息和知识可以免费获取", ("将图书馆和档案馆馆藏数字化", "开设社区多媒体中心", "以开放许可发布政府数据"), ("学生和研究人员", "小城镇图书馆读者"), ("开放数据门户", "部署在低成本服务器上的离线数字图书馆")),
        "C4": ("全民数字技能", "使青年和成年人掌握所需的数字技能", ("在各省培训师资", "免费开设基础和高级数字技能课程", "依据公认的技能框架为学员颁发证书"), ("失业青年", "重返职场的妇女"), ("混合式在线学习平台", "配备笔记本电脑的流动培训车")),
        "C5": ("国家网络安全能力建设", "增强使用信息通信技术的信心和安全", ("组建国家计算机应急响应小组", "开展网络安全宣传活动", "培训检察官和警察打击网络犯罪"), ("小企业主", "儿童和家长"), ("共享的威胁情报平台", "国家网络安全事件举报热线")),
        "C6": ("数字经济有利监管框架", "营造可预期、有利于竞争的法律和监管环境", ("修订电信和数据保护法律", "制定基础设施和频谱共享规则", "就法规草案征求运营商和消费者组织的意见"), ("监管人员和立法者", "市场新进入者"), ("监管影响评估工具包", "在线许可证系统")),
        "C7.1": ("一站式电子政务服务", "通过数字渠道让公共服务更贴近民众", ("将户籍登记和税务服务搬到网上", "通过安全的政务网络连接各部委", "在区县办事处设立协助办理服务点"), ("偏远地区居民", "公务人员"), ("数字身份系统", "政务数据共享交换平台")),
        "C7.2": ("小企业电子商务能力建设", "帮助中小企业开展网上销售", ("培训创业者掌握网络营销和在线支付", "将生产者对接国家和区域电子商务平台", "简化跨境包裹寄递和支付手续"), ("女性企业主", "手工艺人和合作社成员"), ("移动支付", "共享的线上市场")),
        "C7.3": ("互联课堂", "利用数字内容和学校联网提高学习成效", ("为学校接入互联网", "培训教师使用开放教育资源", "编写与国家课程相一致的数字教材"), ("中小学教师", "农村学校学生"), ("预装离线内容的平板电脑", "国家学习管理平台")),
        "C7.4": ("县级医院远程医疗", "为偏远社区提供优质医疗服务", ("通过远程会诊连接县级医院与专科医生", "在基层卫生机构推行电子病历", "通过短信发送孕产妇保健提醒"), ("医务人员", "孕妇和新生儿母亲"), ("电子健康档案", "基于卫星和移动网络的远程医疗网络")),
        "C7.5": ("网上就业与数字工作", "帮助求职者在数字经济中找到体面工作", ("通过在线就业门户对接求职者和用人单位", "培养青年从事远程数字工作", "在公共部门推广远程办公"), ("高校毕业生", "残疾人"), ("在线就业匹配平台", "接入宽带的共享办公空间")),
        "C7.6": ("预警与环境监测", "利用信息通信技术监测环境并向社区发布灾害预警", ("安装自动气象站", "通过短信和社区广播发布预警信息", "推动电子废物的回收和再利用"), ("沿海和农业社区居民", "灾害管理机构人员"), ("自动气象站", "多灾种预警系统")),
        "C7.7": ("面向农民的数字农技服务", "向小农户及时提供市场、天气和良好做法信息", ("向农民手机推送种植和天气建议", "发布区域市场价格信息", "培训农技推广人员使用数字工具"), ("小农户", "农技推广人员"), ("短信和语音咨询服务", "农场管理手机应用")),
        "C7.8": ("科研与教育网络", "连接科研人员并支持开放科学", ("通过国家科研教育网连接各高校", "为科研人员提供共享的计算和数据服务", "推动开放获取出版"), ("高校科研人员", "博士研究生"), ("高容量科研网络链路", "共享云计算设施")),
        "C8": ("本地语言的本地内容", "促进网上文化和语言多样性以及本地内容", ("将口述传统和文化遗产数字化", "开发本地语言键盘和工具", "支持本地创作者在网上发布作品"), ("原住民社区成员", "本地艺术家和作家"), ("开放的多语种内容平台", "面向资源匮乏语言的语音和文本工具")),
        "C9": ("社区媒体与媒体素养", "支持自由、多元和独立的媒体", ("培训记者开展数字报道和事实核查", "为社区广播电台配备设备", "举办媒体与信息素养讲习班"), ("社区广播志愿者", "青年记者"), ("低成本数字广播设备", "在线事实核查网络")),
        "C10": ("人工智能伦理与信息社会", "促进以权利为基础、合乎伦理地使用信息通信技术和人工智能", ("组织关于人工智能伦理的公众对话", "发布隐私和数据使用准则", "培训公职人员了解网上人权"), ("公职人员", "学生和教师"), ("算法影响评估方法", "信息伦理在线课程")),
        "C11": ("信息通信技术促进发展区域合作", "加强国际和区域合作以弥合数字鸿沟", ("组织成员国组成区域工作组", "通过同行学习讲习班交流良好做法", "为跨境信息通信技术项目筹集资金"), ("成员国代表", "区域经济共同体工作人员"), ("区域知识共享平台", "共同的监测指标")),
    },
}  # fmt: skip

# Sentence frames. Facts quoted in "context" come from the seed documents (ECOSOC 2020/12 and the
# Geneva Plan of Action): 53.6 % of people online, women 17 % less likely (43 % in LDCs), 97 % mobile
# coverage, 8.3 billion subscriptions.
FRAMES: dict[str, dict[str, Any]] = {
    "en": {
        "intro": ("{Org} runs “{title}”, {kind} that aims to {aim}.", "Led by {org}, “{title}” is {kind} designed to {aim}."),
        "scope": {"national": "The activity is national in scope ({places}).", "regional": "The activity is regional in scope ({region}: {places}).", "international": "The activity is international in scope ({places})."},
        "context": (
            "Worldwide, 53.6% of people use the Internet, and women are 17% less likely than men to do so, a gap that reaches 43% in the least developed countries.",
            "Mobile networks now cover 97% of the world's population and there are 8.3 billion mobile subscriptions, yet affordability, skills and relevant content remain major barriers.",
            "The Tunis Agenda calls on governments, the private sector, civil society and international organizations to work together to turn the digital divide into a digital opportunity for all.",
            "The Geneva Plan of Action set the goal of bringing ICT access within reach of more than half of the world's inhabitants and of connecting villages, schools, health centres and public institutions.",
        ),
        "acts": "The initiative {a1}, {a2} and {a3}.",
        "groups": "It is aimed primarily at {g1}, as well as {g2}.",
        "techs": "It relies on {t1} and {t2}.",
        "partners": "It is carried out in partnership with {partners}.",
        "results": {"done": "Since {year}, more than {n} {g1} have taken part and {m} local partners have joined the initiative.", "planned": "By {year}, it expects to reach more than {n} {g1} and to involve {m} local partners."},
        "monitoring": "Progress is monitored with indicators from the core list of the Partnership on Measuring ICT for Development, disaggregated by sex and by urban and rural areas.",
        "challenges": ("The main challenges are the cost of connectivity in remote areas and the need to retain trained staff.", "Sustainable funding beyond the pilot phase and reliable electricity remain the main challenges."),
        "next": "The next phase will scale the approach up to new districts and publish an open toolkit so that others can replicate it.",
        "inclusion": "Particular attention is paid to women and girls, persons with disabilities and people living in rural areas.",
        "method": "Activities are designed with the communities concerned, and all materials are published under open licences in the local languages.",
        "wsis": "The activity contributes to WSIS action line {code} ({name}) and to the targets of the Geneva Plan of Action.",
        "titles": ("{core} in {place}", "{brand}: {core}", "{core} ({place}, {year})"),
        "titles_wide": ("{brand}: {core}", "{core} ({year}-{end})"),
        "kinds": {"project": "a project", "programme": "a programme", "capacity_building": "a training programme", "event": "a conference series", "website": "an online platform", "publication": "a practical toolkit", "infrastructure": "an infrastructure project", "other": "an initiative"},
        "line_rationale": "The activity aims to {aim}.",
        "and": (", ", " and "),
        "world": "several regions",
    },
    "fr": {
        "intro": ("{Org} met en œuvre l'initiative « {title} » ({kind}), qui vise à {aim}.", "Portée par {org}, l'initiative « {title} » ({kind}) vise à {aim}."),
        "scope": {"national": "L'activité est de portée nationale ({places}).", "regional": "L'activité est de portée régionale ({region} : {places}).", "international": "L'activité est de portée internationale ({places})."},
        "context": (
            "Dans le monde, 53,6 % de la population utilise l'Internet, et les femmes ont 17 % de chances de moins que les hommes de le faire, un écart qui atteint 43 % dans les pays les moins avancés.",
            "Les réseaux mobiles couvrent désormais 97 % de la population mondiale et l'on compte 8,3 milliards d'abonnements mobiles, mais le coût, les compétences et le manque de contenus pertinents restent des obstacles majeurs.",
            "L'Agenda de Tunis invite les gouvernements, le secteur privé, la société civile et les organisations internationales à agir ensemble pour transformer la fracture numérique en possibilités numériques pour tous.",
            "Le Plan d'action de Genève s'est fixé pour objectif de mettre l'accès aux TIC à la portée de plus de la moitié des habitants de la planète et de connecter villages, écoles, centres de santé et institutions publiques.",
        ),
        "acts": "L'initiative {a1}, {a2} et {a3}.",
        "groups": "Elle s'adresse en priorité aux {g1} et aux {g2}.",
        "techs": "Elle s'appuie sur {t1} et {t2}.",
        "partners": "Elle est menée en partenariat avec {partners}.",
        "results": {"done": "Depuis {year}, plus de {n} {g1} y ont participé et {m} partenaires locaux ont rejoint l'initiative.", "planned": "D'ici {year}, elle prévoit de toucher plus de {n} {g1} et d'associer {m} partenaires locaux."},
        "monitoring": "Les progrès sont suivis à l'aide d'indicateurs de la liste de base du Partenariat sur la mesure des TIC au service du développement, ventilés par sexe et par milieu urbain ou rural.",
        "challenges": ("Les principales difficultés tiennent au coût de la connectivité dans les zones isolées et à la nécessité de fidéliser le personnel formé.", "Un financement durable au-delà de la phase pilote et un approvisionnement électrique fiable restent les principaux défis."),
        "next": "La prochaine phase étendra la démarche à de nouveaux districts et publiera une boîte à outils libre afin que d'autres puissent la reproduire.",
        "inclusion": "Une attention particulière est portée aux femmes et aux filles, aux personnes handicapées et aux habitants des zones rurales.",
        "method": "Les activités sont conçues avec les communautés concernées et tous les supports sont publiés sous licence libre dans les langues locales.",
        "wsis": "L'activité contribue à la grande orientation {code} du SMSI ({name}) et aux objectifs du Plan d'action de Genève.",
        "titles": ("{core} – {place}", "{brand} : {core}", "{core} ({place}, {year})"),
        "titles_wide": ("{brand} : {core}", "{core} ({year}-{end})"),
        "kinds": {"project": "projet", "programme": "programme", "capacity_building": "formation", "event": "cycle de conférences", "website": "plateforme en ligne", "publication": "guide pratique", "infrastructure": "projet d'infrastructure", "other": "initiative"},
        "line_rationale": "L'activité vise à {aim}.",
        "sdg_rationale": "En aidant à {aim}, l'activité contribue à la cible {code} des objectifs de développement durable.",
        "and": (", ", " et "),
        "world": "plusieurs régions",
    },
    "es": {
        "intro": ("{Org} ejecuta la iniciativa «{title}» ({kind}), que busca {aim}.", "Impulsada por {org}, la iniciativa «{title}» ({kind}) busca {aim}."),
        "scope": {"national": "La actividad es de alcance nacional ({places}).", "regional": "La actividad es de alcance regional ({region}: {places}).", "international": "La actividad es de alcance internacional ({places})."},
        "context": (
            "En el mundo, el 53,6 % de la población usa Internet y las mujeres tienen un 17 % menos de probabilidades que los hombres de hacerlo, una brecha que llega al 43 % en los países menos adelantados.",
            "Las redes móviles ya cubren al 97 % de la población mundial y hay 8.300 millones de suscripciones móviles, pero la asequibilidad, las competencias y la falta de contenidos pertinentes siguen siendo grandes obstáculos.",
            "La Agenda de Túnez pide a los gobiernos, el sector privado, la sociedad civil y las organizaciones internacionales que trabajen juntos para convertir la brecha digital en una oportunidad digital para todos.",
            "El Plan de Acción de Ginebra fijó la meta de poner el acceso a las TIC al alcance de más de la mitad de los habitantes del planeta y de conectar aldeas, escuelas, centros de salud e instituciones públicas.",
        ),
        "acts": "La iniciativa {a1}, {a2} y {a3}.",
        "groups": "Está dirigida prioritariamente a {g1}, así como a {g2}.",
        "techs": "Se apoya en {t1} y {t2}.",
        "partners": "Se realiza en alianza con {partners}.",
        "results": {"done": "Desde {year}, más de {n} {g1} han participado y {m} socios locales se han sumado a la iniciativa.", "planned": "Para {year}, prevé llegar a más de {n} {g1} y sumar {m} socios locales."},
        "monitoring": "El avance se mide con indicadores de la lista básica de la Asociación para la Medición de las TIC para el Desarrollo, desglosados por sexo y por zonas urbanas y rurales.",
        "challenges": ("Los principales desafíos son el costo de la conectividad en zonas remotas y la necesidad de retener al personal capacitado.", "La financiación sostenible más allá de la fase piloto y un suministro eléctrico fiable siguen siendo los principales retos."),
        "next": "La siguiente fase ampliará el enfoque a nuevos distritos y publicará una caja de herramientas abierta para que otros puedan replicarlo.",
        "inclusion": "Se presta especial atención a las mujeres y las niñas, a las personas con discapacidad y a quienes viven en zonas rurales.",
        "method": "Las actividades se diseñan junto con las comunidades interesadas y todos los materiales se publican con licencias abiertas en las lenguas locales.",
        "wsis": "La actividad contribuye a la línea de acción {code} de la CMSI ({name}) y a las metas del Plan de Acción de Ginebra.",
        "titles": ("{core} en {place}", "{brand}: {core}", "{core} ({place}, {year})"),
        "titles_wide": ("{brand}: {core}", "{core} ({year}-{end})"),
        "kinds": {"project": "proyecto", "programme": "programa", "capacity_building": "formación", "event": "ciclo de conferencias", "website": "plataforma en línea", "publication": "guía práctica", "infrastructure": "proyecto de infraestructura", "other": "iniciativa"},
        "line_rationale": "La actividad busca {aim}.",
        "sdg_rationale": "Al ayudar a {aim}, la actividad contribuye a la meta {code} de los Objetivos de Desarrollo Sostenible.",
        "and": (", ", " y "),
        "world": "varias regiones",
    },
    "ru": {
        "intro": ("{org} реализует инициативу «{title}» ({kind}). Цель инициативы — {aim}.", "Инициатива «{title}» ({kind}) осуществляется под руководством организации «{org}». Её цель — {aim}."),
        "scope": {"national": "Деятельность имеет национальный масштаб ({places}).", "regional": "Деятельность имеет региональный масштаб ({region}: {places}).", "international": "Деятельность имеет международный масштаб ({places})."},
        "context": (
            "В мире интернетом пользуются 53,6 % населения, при этом вероятность пользования им у женщин на 17 % ниже, чем у мужчин, а в наименее развитых странах этот разрыв достигает 43 %.",
            "Сегодня мобильные сети охватывают 97 % населения мира, а число абонентов мобильной связи достигло 8,3 млрд, однако ценовая доступность, нехватка навыков и релевантного контента остаются серьёзными препятствиями.",
            "Тунисская программа призывает правительства, частный сектор, гражданское общество и международные организации совместно превратить цифровой разрыв в цифровые возможности для всех.",
            "Женевский план действий поставил цель обеспечить доступ к ИКТ более чем половине жителей планеты и подключить сёла, школы, больницы и государственные учреждения.",
        ),
        "acts": "Инициатива {a1}, {a2} и {a3}.",
        "groups": "Она ориентирована прежде всего на {g1}, а также на {g2}.",
        "techs": "Она опирается на {t1} и {t2}.",
        "partners": "Работа ведётся в партнёрстве с {partners}.",
        "results": {"done": "С {year} года в ней приняли участие более {n} {g1}, а к инициативе присоединились {m} местных партнёров.", "planned": "К {year} году планируется охватить более {n} {g1} и привлечь {m} местных партнёров."},
        "monitoring": "Ход работы отслеживается по показателям базового перечня Партнёрства по измерению ИКТ в целях развития с разбивкой по полу, а также по городским и сельским районам.",
        "challenges": ("Основные трудности связаны со стоимостью подключения в отдалённых районах и необходимостью удерживать подготовленные кадры.", "Главными проблемами остаются устойчивое финансирование после пилотного этапа и надёжное электроснабжение."),
        "next": "На следующем этапе подход будет распространён на новые районы, а открытый набор инструментов будет опубликован, чтобы его могли воспроизвести другие.",
        "inclusion": "Особое внимание уделяется женщинам и девочкам, людям с инвалидностью и жителям сельских районов.",
        "method": "Мероприятия разрабатываются совместно с местными сообществами, а все материалы публикуются под открытыми лицензиями на местных языках.",
        "wsis": "Деятельность способствует реализации направления деятельности ВВУИО {code} («{name}») и целевых показателей Женевского плана действий.",
        "titles": ("{core}: {place}", "{brand}: {core}", "{core} ({place}, {year})"),
        "titles_wide": ("{brand}: {core}", "{core} ({year}–{end})"),
        "kinds": {"project": "проект", "programme": "программа", "capacity_building": "обучение", "event": "серия конференций", "website": "онлайн-платформа", "publication": "практическое руководство", "infrastructure": "инфраструктурный проект", "other": "инициатива"},
        "line_rationale": "Цель деятельности — {aim}.",
        "sdg_rationale": "Помогая {aim}, деятельность способствует решению задачи {code} Целей в области устойчивого развития.",
        "and": (", ", " и "),
        "world": "несколько регионов",
    },
    "ar": {
        "intro": ("يجري تنفيذ مبادرة «{title}» ({kind}) من قبل {org}، وتهدف إلى {aim}.", "يتولى تنفيذ مبادرة «{title}» ({kind}) {org}، وهي ترمي إلى {aim}."),
        "scope": {"national": "ويتسم النشاط بطابع وطني ({places}).", "regional": "ويتسم النشاط بطابع إقليمي ({region}: {places}).", "international": "ويتسم النشاط بطابع دولي ({places})."},
        "context": (
            "وعلى الصعيد العالمي، يستخدم 53.6 في المائة من الناس الإنترنت، وتقل احتمالات استخدام النساء لها عن الرجال بنسبة 17 في المائة، وتصل هذه الفجوة إلى 43 في المائة في أقل البلدان نموا.",
            "وتغطي الشبكات المتنقلة اليوم 97 في المائة من سكان العالم ويبلغ عدد الاشتراكات المتنقلة 8.3 مليارات، غير أن القدرة على تحمل التكاليف والمهارات والمحتوى الملائم لا تزال تشكل عقبات كبيرة.",
            "ويدعو برنامج عمل تونس الحكومات والقطاع الخاص والمجتمع المدني والمنظمات الدولية إلى العمل معا لتحويل الفجوة الرقمية إلى فرصة رقمية للجميع.",
            "وحددت خطة عمل جنيف هدف إتاحة النفاذ إلى تكنولوجيا المعلومات والاتصالات لأكثر من نصف سكان العالم وربط القرى والمدارس والمراكز الصحية والمؤسسات العامة.",
        ),
        "acts": "وتشمل أنشطة المبادرة {a1} و{a2} و{a3}.",
        "groups": "وتستهدف المبادرة أساسا {g1} و{g2}.",
        "techs": "وتعتمد على {t1} و{t2}.",
        "partners": "وتنفَّذ بالشراكة مع {partners}.",
        "results": {"done": "ومنذ عام {year}، شارك فيها أكثر من {n} من {g1}، وانضم إليها {m} شريكا محليا.", "planned": "ويُتوقع أن تصل بحلول عام {year} إلى أكثر من {n} من {g1} وأن تضم {m} شريكا محليا."},
        "monitoring": "ويُرصد التقدم المحرز باستخدام مؤشرات من القائمة الأساسية للشراكة المعنية بقياس تكنولوجيا المعلومات والاتصالات لأغراض التنمية، مصنفة حسب الجنس وحسب المناطق الحضرية والريفية.",
        "challenges": ("وتتمثل التحديات الرئيسية في تكلفة التوصيل في المناطق النائية وضرورة الاحتفاظ بالموظفين المدربين.", "ولا يزال التمويل المستدام بعد المرحلة التجريبية وتوافر الكهرباء بصورة موثوقة من أبرز التحديات."),
        "next": "وستوسع المرحلة المقبلة نطاق هذا النهج ليشمل مناطق جديدة، وستنشر مجموعة أدوات مفتوحة ليتمكن آخرون من تكرار التجربة.",
        "inclusion": "ويولى اهتمام خاص للنساء والفتيات والأشخاص ذوي الإعاقة وسكان المناطق الريفية.",
        "method": "وتصمم الأنشطة بالتعاون مع المجتمعات المعنية، وتنشر جميع المواد بتراخيص مفتوحة وباللغات المحلية.",
        "wsis": "ويسهم النشاط في تنفيذ خط العمل {code} للقمة العالمية لمجتمع المعلومات ({name}) وفي تحقيق غايات خطة عمل جنيف.",
        "titles": ("{core} في {place}", "{brand}: {core}", "{core} ({place}، {year})"),
        "titles_wide": ("{brand}: {core}", "{core} ({year}-{end})"),
        "kinds": {"project": "مشروع", "programme": "برنامج", "capacity_building": "تدريب", "event": "سلسلة مؤتمرات", "website": "منصة إلكترونية", "publication": "دليل عملي", "infrastructure": "مشروع للبنية التحتية", "other": "مبادرة"},
        "line_rationale": "يهدف النشاط إلى {aim}.",
        "sdg_rationale": "يسهم النشاط في تحقيق الغاية {code} من أهداف التنمية المستدامة من خلال المساعدة على {aim}.",
        "and": (" و", " و"),
        "world": "عدة مناطق",
    },
    "zh": {
        "intro": ("{org}实施“{title}”{kind}，旨在{aim}。", "“{title}”是由{org}牵头的{kind}，旨在{aim}。"),
        "scope": {"national": "该活动为国家级活动（{places}）。", "regional": "该活动为区域级活动（{region}：{places}）。", "international": "该活动为国际性活动（{places}）。"},
        "context": (
            "全球有53.6%的人使用互联网，女性使用互联网的可能性比男性低17%，在最不发达国家这一差距达到43%。",
            "移动网络目前已覆盖全球97%的人口，移动用户数达到83亿，但可负担性、技能和相关内容仍是主要障碍。",
            "《突尼斯议程》呼吁各国政府、私营部门、民间社会和国际组织共同努力，把数字鸿沟转化为惠及所有人的数字机遇。",
            "《日内瓦行动计划》提出，要让全球一半以上的居民能够使用信息通信技术，并为村庄、学校、卫生中心和公共机构接通网络。",
        ),
        "acts": "该倡议{a1}，{a2}，并{a3}。",
        "groups": "主要面向{g1}以及{g2}。",
        "techs": "项目依托{t1}和{t2}。",
        "partners": "项目与{partners}合作开展。",
        "results": {"done": "自{year}年以来，已有超过{n}人参与，{m}个地方合作伙伴加入了该倡议。", "planned": "预计到{year}年将惠及{n}多人，并吸引{m}个地方合作伙伴参与。"},
        "monitoring": "项目采用“衡量信息通信技术促进发展伙伴关系”核心指标清单中的指标监测进展，并按性别和城乡分列数据。",
        "challenges": ("主要挑战在于偏远地区的联网成本以及留住受过培训的人员。", "试点阶段之后的可持续资金和稳定电力供应仍是主要挑战。"),
        "next": "下一阶段将把这一做法推广到更多地区，并发布开放工具包，供其他方面复制推广。",
        "inclusion": "项目特别关注妇女和女童、残疾人以及农村居民。",
        "method": "各项活动均与相关社区共同设计，所有材料均以当地语言并按开放许可发布。",
        "wsis": "该活动有助于落实信息社会世界峰会行动方针{code}（{name}）以及《日内瓦行动计划》的各项目标。",
        "titles": ("{place}{core}", "{brand}：{core}", "{core}（{place}，{year}年）"),
        "titles_wide": ("{brand}：{core}", "{core}（{year}—{end}年）"),
        "kinds": {"project": "项目", "programme": "方案", "capacity_building": "培训", "event": "系列会议", "website": "在线平台", "publication": "实用指南", "infrastructure": "基础设施项目", "other": "倡议"},
        "line_rationale": "该活动旨在{aim}。",
        "sdg_rationale": "该活动通过帮助{aim}，促进实现可持续发展目标具体目标{code}。",
        "and": ("、", "和"),
        "world": "多个区域",
    },
}  # fmt: skip
OPTIONAL_SENTENCES = ("context", "techs", "partners", "monitoring", "inclusion", "method", "challenges", "next")
SENTENCE_ORDER: tuple[str, ...] = ("intro", "scope", "context", "acts", "groups", "techs", "partners", "method")
SENTENCE_ORDER += ("results", "inclusion", "monitoring", "challenges", "next", "wsis")

# Partners named in the texts: UN entities by their short name in each language (with the article
# French and Spanish need), and kinds of partner
# written in the case the "partners" frame needs (Russian instrumental, for instance).
UN_SHORT_NAMES = {
    "ITU": ("ITU", "l'UIT", "la UIT", "МСЭ", "الاتحاد الدولي للاتصالات", "国际电联"),
    "UNESCO": ("UNESCO", "l'UNESCO", "la UNESCO", "ЮНЕСКО", "اليونسكو", "教科文组织"),
    "UNDP": ("UNDP", "le PNUD", "el PNUD", "ПРООН", "برنامج الأمم المتحدة الإنمائي", "开发署"),
    "UNCTAD": ("UNCTAD", "la CNUCED", "la UNCTAD", "ЮНКТАД", "الأونكتاد", "贸发会议"),
    "UNDESA": ("UN DESA", "le DAES", "el DAES", "ДЭСВ ООН", "إدارة الشؤون الاقتصادية والاجتماعية", "经社部"),
    "WHO": ("WHO", "l'OMS", "la OMS", "ВОЗ", "منظمة الصحة العالمية", "世卫组织"),
    "ILO": ("ILO", "l'OIT", "la OIT", "МОТ", "منظمة العمل الدولية", "国际劳工组织"),
    "WMO": ("WMO", "l'OMM", "la OMM", "ВМО", "المنظمة العالمية للأرصاد الجوية", "世界气象组织"),
    "FAO": ("FAO", "la FAO", "la FAO", "ФАО", "منظمة الأغذية والزراعة", "粮农组织"),
    "UNEP": ("UNEP", "le PNUE", "el PNUMA", "ЮНЕП", "برنامج الأمم المتحدة للبيئة", "环境署"),
    "UNICEF": ("UNICEF", "l'UNICEF", "el UNICEF", "ЮНИСЕФ", "اليونيسف", "儿基会"),
    "ITC": ("ITC", "le CCI", "el CCI", "ЦМТ", "مركز التجارة الدولية", "国贸中心"),
    "UPU": ("UPU", "l'UPU", "la UPU", "ВПС", "الاتحاد البريدي العالمي", "万国邮联"),
}
PARTNER_KINDS = {
    "en": ("local authorities", "private telecommunication operators", "universities", "civil society organizations", "the national statistical office"),
    "fr": ("les collectivités locales", "des opérateurs de télécommunications privés", "des universités", "des organisations de la société civile", "l'institut national de la statistique"),
    "es": ("gobiernos locales", "operadores privados de telecomunicaciones", "universidades", "organizaciones de la sociedad civil", "el instituto nacional de estadística"),
    "ru": ("местными органами власти", "частными операторами связи", "университетами", "организациями гражданского общества", "национальным статистическим ведомством"),
    "ar": ("السلطات المحلية", "مشغلي الاتصالات من القطاع الخاص", "الجامعات", "منظمات المجتمع المدني", "الجهاز الوطني للإحصاء"),
    "zh": ("地方政府", "私营电信运营商", "高校", "民间社会组织", "国家统计局"),
}  # fmt: skip
# Lead facilitator first (DOMAIN.md); UN entities that report under each unit.
FACILITATORS = {
    "C1": ("UNDESA", "ITU", "UNDP"), "C2": ("ITU", "UNDP"), "C3": ("UNESCO", "ITU"), "C4": ("ITU", "UNDP", "UNESCO", "UNCTAD"),
    "C5": ("ITU", "UNODC"), "C6": ("ITU", "UNDP", "UNCTAD"), "C7.1": ("UNDESA", "ITU"), "C7.2": ("UNCTAD", "ITC", "UPU"),
    "C7.3": ("UNESCO", "ITU", "UNICEF"), "C7.4": ("WHO", "ITU"), "C7.5": ("ILO", "ITU"), "C7.6": ("WMO", "UNEP", "ITU"),
    "C7.7": ("FAO", "ITU"), "C7.8": ("UNESCO", "ITU", "UNCTAD"), "C8": ("UNESCO", "ITU"), "C9": ("UNESCO", "ITU"),
    "C10": ("UNESCO",), "C11": ("UNDESA", "ITU", "UNDP"),
}  # fmt: skip
# Regional commission per M49 region or sub-region (the first match from the most specific area).
COMMISSION_BY_AREA = {"145": "ESCWA", "015": "ESCWA", "002": "ECA", "019": "ECLAC", "150": "ECE", "143": "ECE"}
COMMISSION_BY_AREA |= {"142": "ESCAP", "009": "ESCAP"}
# WSIS targets (Geneva Plan of Action para 6, 11th from 2014) that a unit's activities usually serve.
RELEVANT_WSIS_TARGETS = {
    "C1": (6, 10), "C2": (1, 10, 11), "C3": (4, 9), "C4": (7, 2), "C5": (6,), "C6": (10, 11), "C7.1": (6,),
    "C7.2": (11,), "C7.3": (2, 7), "C7.4": (5,), "C7.5": (11,), "C7.6": (1,), "C7.7": (1,), "C7.8": (3, 2),
    "C8": (9, 4), "C9": (8, 9), "C10": (), "C11": (10,),
}  # fmt: skip
ACTIVITY_TYPES = (
    "project",
    "programme",
    "capacity_building",
    "event",
    "website",
    "publication",
    "infrastructure",
    "other",
)
ACTIVITY_WEIGHTS = (30, 20, 15, 8, 8, 7, 4, 3)
ACTIVITY_BOOST = {"C2": "infrastructure", "C4": "capacity_building", "C7.3": "capacity_building", "C11": "event"}
ACTIVITY_BOOST |= {"C3": "website", "C10": "publication", "C6": "programme"}
STAKEHOLDER_WEIGHTS = {
    "government": 45, "international_organisation": 14, "civil_society": 17, "private_sector": 10,
    "academia": 9, "technical_community": 5,
}  # fmt: skip
COVERAGE_WEIGHTS = {
    "government": (86, 11, 3), "international_organisation": (25, 35, 40), "default": (64, 20, 16),
}  # fmt: skip

# Organisation names: six-language patterns; {b} is a brand word (Latin in English names).
Pattern = tuple[str, str, str, str, str, str]
MINISTRIES: dict[str, Pattern] = {
    "ict": ("Ministry of Information and Communication Technologies", "Ministère des Technologies de l'information et de la communication", "Ministerio de Tecnologías de la Información y las Comunicaciones", "Министерство информационных и коммуникационных технологий", "وزارة تكنولوجيا المعلومات والاتصالات", "信息和通信技术部"),
    "digital": ("Ministry of Communications and Digital Economy", "Ministère de la Communication et de l'Économie numérique", "Ministerio de Comunicaciones y Economía Digital", "Министерство связи и цифровой экономики", "وزارة الاتصالات والاقتصاد الرقمي", "通信和数字经济部"),
    "agency": ("National Agency for Digital Development", "Agence nationale du numérique", "Agencia Nacional de Gobierno Digital", "Национальное агентство цифрового развития", "الوكالة الوطنية للتنمية الرقمية", "国家数字发展署"),
    "regulator": ("National Telecommunications Regulatory Authority", "Autorité de régulation des télécommunications", "Autoridad Nacional de Regulación de las Telecomunicaciones", "Национальный регулятор в сфере электросвязи", "الهيئة الوطنية لتنظيم الاتصالات", "国家电信监管局"),
    "education": ("Ministry of Education", "Ministère de l'Éducation nationale", "Ministerio de Educación", "Министерство образования", "وزارة التربية والتعليم", "教育部"),
    "health": ("Ministry of Health", "Ministère de la Santé publique", "Ministerio de Salud", "Министерство здравоохранения", "وزارة الصحة", "卫生部"),
    "agriculture": ("Ministry of Agriculture and Rural Development", "Ministère de l'Agriculture et du Développement rural", "Ministerio de Agricultura y Desarrollo Rural", "Министерство сельского хозяйства", "وزارة الزراعة والتنمية الريفية", "农业农村部"),
    "labour": ("Ministry of Labour and Employment", "Ministère du Travail et de l'Emploi", "Ministerio de Trabajo y Empleo", "Министерство труда и занятости", "وزارة العمل والتشغيل", "劳动和就业部"),
    "meteo": ("National Meteorological Service", "Agence nationale de la météorologie", "Servicio Meteorológico Nacional", "Национальная гидрометеорологическая служба", "الهيئة الوطنية للأرصاد الجوية", "国家气象局"),
    "cyber": ("National Cybersecurity Centre", "Centre national de cybersécurité", "Centro Nacional de Ciberseguridad", "Национальный центр кибербезопасности", "المركز الوطني للأمن السيبراني", "国家网络安全中心"),
    "culture": ("Ministry of Culture", "Ministère de la Culture", "Ministerio de Cultura", "Министерство культуры", "وزارة الثقافة", "文化部"),
    "foreign": ("Ministry of Foreign Affairs", "Ministère des Affaires étrangères", "Ministerio de Relaciones Exteriores", "Министерство иностранных дел", "وزارة الشؤون الخارجية", "外交部"),
}  # fmt: skip
MINISTRY_BY_UNIT = {
    "C1": ("ict", "digital"), "C2": ("regulator", "digital", "ict"), "C3": ("agency", "culture"), "C4": ("education", "ict"),
    "C5": ("cyber", "ict"), "C6": ("regulator", "digital"), "C7.1": ("agency", "digital"), "C7.2": ("digital", "ict"),
    "C7.3": ("education",), "C7.4": ("health",), "C7.5": ("labour",), "C7.6": ("meteo",), "C7.7": ("agriculture",),
    "C7.8": ("education", "agency"), "C8": ("culture",), "C9": ("culture", "ict"), "C10": ("ict", "agency"),
    "C11": ("foreign", "ict"),
}  # fmt: skip
ORGANISATION_PATTERNS: dict[str, tuple[Pattern, ...]] = {
    "civil_society": (
        ("{b} Foundation", "Fondation {b}", "Fundación {b}", "Фонд «{b}»", "مؤسسة {b}", "{b}基金会"),
        ("{b} Association for Digital Inclusion", "Association {b} pour l'inclusion numérique", "Asociación {b} para la Inclusión Digital", "Ассоциация «{b}» за цифровую инклюзию", "جمعية {b} للإدماج الرقمي", "{b}数字包容协会"),
        ("{b} Community Network", "Réseau communautaire {b}", "Red Comunitaria {b}", "Общественная сеть «{b}»", "الشبكة المجتمعية {b}", "{b}社区网络"),
    ),
    "private_sector": (
        ("{b} Telecom", "{b} Télécom", "{b} Telecomunicaciones", "«{b} Телеком»", "{b} للاتصالات", "{b}电信"),
        ("{b} Digital Solutions", "{b} Solutions numériques", "{b} Soluciones Digitales", "«{b} Цифровые решения»", "{b} للحلول الرقمية", "{b}数字科技有限公司"),
    ),
    "academia": (
        ("{b} Institute of Technology", "Institut de technologie {b}", "Instituto Tecnológico {b}", "Технологический институт «{b}»", "معهد {b} للتكنولوجيا", "{b}理工学院"),
        ("Centre for ICT Research, {b} University", "Centre de recherche sur les TIC, Université {b}", "Centro de Investigación en TIC, Universidad {b}", "Центр исследований ИКТ университета «{b}»", "مركز بحوث تكنولوجيا المعلومات والاتصالات، جامعة {b}", "{b}大学信息通信技术研究中心"),
    ),
    "technical_community": (
        ("{b} Internet Exchange Point", "Point d'échange Internet {b}", "Punto de Intercambio de Internet {b}", "Точка обмена интернет-трафиком «{b}»", "نقطة تبادل الإنترنت {b}", "{b}互联网交换中心"),
        ("{b} Network Operators Group", "Groupe des opérateurs de réseau {b}", "Grupo de Operadores de Red {b}", "Группа сетевых операторов «{b}»", "مجموعة مشغلي الشبكات {b}", "{b}网络运营者组织"),
    ),
}  # fmt: skip
# Brand words: (Latin form, form in the language).
BRANDS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": tuple((w, w) for w in ("Pamoja", "Ubuntu", "Sankofa", "Kilimo", "Horizon", "Bright Path", "Lighthouse", "Bridge", "Harambee", "OpenRoad", "Tinker", "Meridian")),
    "fr": tuple((w, w) for w in ("Teranga", "Baobab", "Djoliba", "Kora", "Sahel Connect", "Horizon", "Lien", "Tisserand", "Alizé", "Passerelle")),
    "es": tuple((w, w) for w in ("Conecta", "Andina", "Raíces", "Puentes", "Semilla", "Colibrí", "Quipu", "Horizonte", "Ceiba", "Minga")),
    "ru": (("Tsifra", "Цифра"), ("Most", "Мост"), ("Gorizont", "Горизонт"), ("Iskra", "Искра"), ("Svyaz", "Связь"), ("Rodnik", "Родник"), ("Maiak", "Маяк"), ("Vektor", "Вектор")),
    "ar": (("Amal", "أمل"), ("Jisr", "جسر"), ("Nour", "نور"), ("Raqmi", "رقمي"), ("Tawasul", "تواصل"), ("Ofuq", "أفق"), ("Sanad", "سند"), ("Rawabet", "روابط")),
    "zh": (("Huaxin", "华信"), ("Zhiyuan", "智远"), ("Tianyi", "天翼"), ("Xinlian", "信联"), ("Yunqiao", "云桥"), ("Mingde", "明德"), ("Hongtu", "宏图"), ("Jiahe", "嘉禾")),
}  # fmt: skip
CONTACTS = {
    "en": ("Amina Okafor", "John Mensah", "Priya Sharma", "Grace Mwangi", "David Brown", "Fatima Khan", "Samuel Njoroge", "Mary Taylor", "Kwame Asante", "Sarah Silva"),
    "fr": ("Awa Diallo", "Jean Martin", "Fatou Traoré", "Pierre Dubois", "Aminata Kouassi", "Marie Bernard", "Moussa Camara", "Claire Lefèvre", "Ibrahima Ndiaye", "Sophie Mercier"),
    "es": ("María García", "José Rodríguez", "Lucía Martínez", "Carlos López", "Ana González", "Diego Pérez", "Valentina Sánchez", "Jorge Ramírez", "Camila Flores", "Luis Torres"),
    "ru": ("Анна Смирнова", "Иван Кузнецов", "Елена Попова", "Сергей Волков", "Ольга Морозова", "Алексей Соколов", "Айгуль Нурланова", "Нурлан Сейткали", "Марина Лебедева", "Дмитрий Козлов"),
    "ar": ("ليلى حداد", "أحمد منصور", "فاطمة الزهراء بنعلي", "محمد العلي", "رانيا خليل", "يوسف عبد الله", "سارة القاسم", "عمر الشامي", "هدى إبراهيم", "خالد ناصر"),
    "zh": ("王芳", "李伟", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄涛", "周婷", "吴强"),
}  # fmt: skip


@dataclass(frozen=True)
class CountryRef:
    iso3: str
    pk: int
    names: dict[str, str]
    area: str  # M49 code of the intermediate region, else the sub-region: the unit of regional entries
    parents: tuple[str, ...]  # sub-region and region codes, most specific first
    un_member: bool = True


@dataclass(frozen=True)
class Reference:
    """The reference rows the generator and the loader need, read once (8 queries)."""

    countries: dict[str, CountryRef]
    regions: dict[str, tuple[int, dict[str, str]]]
    action_lines: dict[str, tuple[int, dict[str, str]]]
    matrix: dict[str, tuple[tuple[str, str], ...]]
    sdg_targets: dict[str, int]
    wsis_targets: dict[int, int]
    stakeholder_types: dict[str, int]
    un_organisations: dict[str, tuple[int, dict[str, str]]]

    @classmethod
    def load(cls) -> Reference:
        """Read countries, regions, action lines, the WSIS-SDG matrix, targets, types and UN entities."""
        regions = {r.code: r for r in Region.objects.all()}
        by_pk = {r.pk: r.code for r in regions.values()}
        countries = {}
        for c in Country.objects.all():
            chain = [by_pk[pk] for pk in (c.intermediate_region_id, c.subregion_id, c.region_id) if pk]
            if chain:
                countries[c.iso3] = CountryRef(c.iso3, c.pk, _names(c, "name"), chain[0], tuple(chain), c.un_member)
        lines = {a.code: (a.pk, _names(a, "name")) for a in ActionLine.objects.filter(code__in=UNITS)}
        matrix: dict[str, list[tuple[str, str]]] = {}
        for code, target, rationale in MatrixLink.objects.values_list(
            "action_line__code", "target__code", "rationale"
        ).order_by("action_line__code", "target__code"):
            matrix.setdefault(code, []).append((target, rationale))
        return cls(
            countries=countries,
            regions={code: (r.pk, _names(r, "name")) for code, r in regions.items()},
            action_lines=lines,
            matrix={code: tuple(links) for code, links in matrix.items()},
            sdg_targets=dict(SdgTarget.objects.values_list("code", "pk")),
            wsis_targets=dict(WsisTarget.objects.values_list("number", "pk")),
            stakeholder_types=dict(StakeholderType.objects.values_list("code", "pk")),
            un_organisations={
                o.code: (o.pk, _names(o, "name")) for o in Organisation.objects.exclude(code=None) if o.code
            },
        )


def _names(obj: Any, field_name: str) -> dict[str, str]:
    english = getattr(obj, f"{field_name}_en")
    return {lang: getattr(obj, f"{field_name}_{lang}") or english for lang in LANGS}


@dataclass(frozen=True)
class OrganisationData:
    """An organisation an entry belongs to: a real UN entity (code set) or a generated one."""

    name_en: str
    stakeholder_type: str
    country: str | None
    code: str | None = None
    local_names: tuple[tuple[str, str], ...] = ()  # (language, name) besides English

    @property
    def slug(self) -> str:
        if self.code:
            return self.code.lower()
        return f"{slugify(self.name_en)[:40].strip('-')}-{(self.country or 'int').lower()}"

    @property
    def owner_email(self) -> str:
        return f"demo.entries@{self.slug}.example.org"

    def name(self, lang: str) -> str:
        return dict(self.local_names).get(lang, self.name_en)


@dataclass(frozen=True)
class TranslationData:
    language: str
    title: str
    short_description: str
    provided_by_owner: bool = True


@dataclass(slots=True)
class EntryData:
    """Every column of an Entry except the owner and approver (users the loader resolves), plus links."""

    title: str
    short_description: str
    activity_type: str
    organisation: OrganisationData
    stakeholder_type: str
    coverage: str
    status: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    original_language: str
    created_at: datetime.datetime
    submitted_at: datetime.datetime
    published_at: datetime.datetime
    approved_at: datetime.datetime
    content_updated_at: datetime.datetime
    update_requested_at: datetime.datetime | None
    version: int
    website: str = ""
    partners: str = ""
    impact: str = ""
    challenges: str = ""
    contact_name: str = ""
    contact_email: str = ""
    description: str = ""
    links: list[dict[str, str]] = field(default_factory=list)
    external_id: str | None = None
    state: str = Entry.State.PUBLISHED
    state_reason: str = ""
    action_lines: list[tuple[str, str]] = field(default_factory=list)  # (code, why)
    sdg_targets: list[tuple[str, str]] = field(default_factory=list)  # (code, why)
    wsis_targets: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO alpha-3
    regions: list[str] = field(default_factory=list)  # M49
    translations: list[TranslationData] = field(default_factory=list)


@dataclass(slots=True)
class _Slots:
    """The language-independent choices behind one entry's texts, so translations say the same."""

    language: str
    unit: str
    activity_type: str
    organisation: OrganisationData
    coverage: str
    status: str
    countries: list[str]
    area: str
    brand: tuple[str, str]  # (Latin, original language)
    title_pattern: int
    intro: int
    context: int
    challenge: int
    un_partner: str
    partner_kinds: list[int]
    reach: int
    local_partners: int
    year: int
    end_year: int | None
    optional: list[str]


class _Generator:
    def __init__(self, reference: Reference, seed: int) -> None:
        self.ref = reference
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security
        # English, regional and international entries name UN member States, not territories.
        everywhere = sorted(c for c, ref in reference.countries.items() if ref.un_member)
        self.countries = {
            lang: [c for c in codes if c in reference.countries] for lang, codes in LANGUAGE_COUNTRIES.items()
        }
        self.countries["en"] = everywhere
        self.everywhere = everywhere
        self.areas: dict[str, list[str]] = {}
        for iso3 in everywhere:
            self.areas.setdefault(reference.countries[iso3].area, []).append(iso3)
        self.languages = list(LANGUAGE_WEIGHTS)
        self.language_weights = list(itertools.accumulate(LANGUAGE_WEIGHTS.values()))
        self.types = [t for t in STAKEHOLDER_WEIGHTS if t in reference.stakeholder_types]
        self.type_weights = list(itertools.accumulate(STAKEHOLDER_WEIGHTS[t] for t in self.types))

    def entry(self) -> EntryData:
        rng = self.rng
        lang = rng.choices(self.languages, cum_weights=self.language_weights)[0]
        country = rng.choice(self.countries[lang] or self.everywhere)
        stype = rng.choices(self.types, cum_weights=self.type_weights)[0]
        unit = rng.choice(UNITS)
        others = [u for u in UNITS if u != unit]
        units = [unit, *rng.sample(others, rng.choices((0, 1, 2), weights=(50, 35, 15))[0])]
        coverage = rng.choices(
            ("national", "regional", "international"), weights=COVERAGE_WEIGHTS.get(stype, COVERAGE_WEIGHTS["default"])
        )[0]
        countries, regions, area = self._geography(lang, country, coverage)
        organisation = self._organisation(lang, stype, unit, country, coverage)
        weights = [
            w + (30 if ACTIVITY_BOOST.get(unit) == kind else 0)
            for kind, w in zip(ACTIVITY_TYPES, ACTIVITY_WEIGHTS, strict=True)
        ]
        activity_type = rng.choices(ACTIVITY_TYPES, weights=weights)[0]
        status = rng.choices(("completed", "ongoing", "planned"), weights=(45, 40, 15))[0]
        start, end, created = self._dates(status)
        partners = [code for code in FACILITATORS[unit] if code != organisation.code and code in UN_SHORT_NAMES]
        slots = _Slots(
            language=lang,
            unit=unit,
            activity_type=activity_type,
            organisation=organisation,
            coverage=coverage,
            status=status,
            countries=countries,
            area=area,
            brand=rng.choice(BRANDS[lang]),
            title_pattern=rng.randrange(3),
            intro=rng.randrange(2),
            context=rng.randrange(4),
            challenge=rng.randrange(2),
            un_partner=rng.choice(partners or ["ITU"]),
            partner_kinds=rng.sample(range(5), rng.randint(1, 2)),
            reach=rng.choice((120, 250, 400, 600, 850, 1200, 1500, 2500, 4000, 12000)) + rng.randrange(0, 100, 10),
            local_partners=rng.randint(11, 20),
            year=start.year if start else created.year,
            end_year=end.year if end else None,
            optional=rng.sample(OPTIONAL_SENTENCES, len(OPTIONAL_SENTENCES)),
        )
        title, short = self._render(lang, slots)
        submitted = _moment(created, rng.randrange(8 * 60, 18 * 60)) + datetime.timedelta(
            minutes=rng.randrange(10, 4000)
        )
        published = min(submitted + datetime.timedelta(hours=rng.randrange(4, 480)), _moment(AS_OF, 0))
        updated = published
        version = 1
        if rng.random() < 0.3:
            updated = published + (_moment(AS_OF, 0) - published) * rng.random()
            version = rng.randint(2, 4)
        requested = None
        if updated.date() < AS_OF - datetime.timedelta(days=730) and rng.random() < 0.3:
            requested = updated + datetime.timedelta(days=rng.randrange(365, 700))
        translations = []
        if lang != "en" and rng.random() < 0.2:
            translations.append(TranslationData("en", *self._render("en", slots)))
        elif lang == "en" and stype == "international_organisation" and rng.random() < 0.1:
            other = rng.choice(("fr", "es"))
            translations.append(TranslationData(other, *self._render(other, slots)))
        frames = FRAMES[lang]
        brand = slots.brand[0]
        return EntryData(
            title=title,
            short_description=short,
            activity_type=activity_type,
            organisation=organisation,
            stakeholder_type=stype,
            coverage=coverage,
            status=status,
            start_date=start,
            end_date=end,
            original_language=lang,
            created_at=_moment(created, 0) + (submitted - _moment(created, 0)) / 2,
            submitted_at=submitted,
            published_at=published,
            approved_at=published,
            content_updated_at=updated,
            update_requested_at=requested,
            version=version,
            website=f"https://{slugify(f'{brand} {unit}')}-{country.lower()}.example.org" if rng.random() < 0.9 else "",
            partners="; ".join(self._partners(lang, slots)),
            impact=self._sentence(lang, "results", slots),
            challenges=frames["challenges"][slots.challenge],
            contact_name=rng.choice(CONTACTS[lang]),
            contact_email=f"contact@{organisation.slug}.example.org",
            action_lines=[(u, frames["line_rationale"].format(aim=THEMES[lang][u][1])) for u in units],
            sdg_targets=self._sdg_targets(lang, units),
            wsis_targets=self._wsis_targets(units),
            countries=countries,
            regions=regions,
            translations=translations,
        )

    def _geography(self, lang: str, country: str, coverage: str) -> tuple[list[str], list[str], str]:
        rng, ref = self.rng, self.ref
        area = ref.countries[country].area
        if coverage == "national":
            return [country], [], area
        if coverage == "regional":
            pool = [c for c in self.areas[area] if c != country]
            same_language = [c for c in pool if c in LANGUAGE_COUNTRIES.get(lang, ())]
            pool = same_language if len(same_language) >= 2 else pool
            picked = rng.sample(pool, min(len(pool), rng.randint(1, 5)))
            return [country, *sorted(picked)], [area], area
        picked = [c for c in rng.sample(self.everywhere, rng.randint(3, 7)) if c != country][:6]
        return [country, *sorted(picked)], ["001"], area

    def _organisation(self, lang: str, stype: str, unit: str, country: str, coverage: str) -> OrganisationData:
        rng, ref = self.rng, self.ref
        if stype == "international_organisation":
            code = None
            if coverage == "regional" or rng.random() < 0.15:
                code = next(
                    (COMMISSION_BY_AREA[a] for a in ref.countries[country].parents if a in COMMISSION_BY_AREA), None
                )
            if code is None or code not in ref.un_organisations:
                code = rng.choice(
                    [c for c in FACILITATORS[unit] if c in ref.un_organisations] or sorted(ref.un_organisations)
                )
            names = ref.un_organisations[code][1]
            local = tuple((lg, names[lg]) for lg in LANGS if lg != "en")
            return OrganisationData(names["en"], stype, None, code, local)
        if stype == "government":
            pattern = MINISTRIES[rng.choice(MINISTRY_BY_UNIT[unit])]
            brand = ("", "")
        else:
            pattern = rng.choice(ORGANISATION_PATTERNS[stype])
            brand = rng.choice(BRANDS[lang])
        index = LANGS.index(lang)
        name_en = pattern[0].format(b=brand[0])
        local = ((lang, pattern[index].format(b=brand[1])),) if lang != "en" else ()
        return OrganisationData(name_en, stype, country, None, local)

    def _dates(self, status: str) -> tuple[datetime.date, datetime.date | None, datetime.date]:
        rng = self.rng
        day = datetime.timedelta(days=1)
        if status == "planned":
            start = AS_OF + day * rng.randint(7, 300)
            end = None if rng.random() < 0.5 else start + day * rng.randint(180, 1095)
            return start, end, AS_OF - day * rng.randint(7, 500)
        if status == "ongoing":
            start = _between(rng, FIRST_DAY, AS_OF - day * 30)
            end = None if rng.random() < 0.45 else AS_OF + day * rng.randint(30, 1095)
            created = _between(rng, max(start - day * 180, FIRST_DAY + day * 10), AS_OF - day * 7)
            return start, end, created
        start = _between(rng, FIRST_DAY, AS_OF - day * 200)
        end = min(start + day * rng.randint(60, 1825), AS_OF - day)
        created = _between(rng, max(start - day * 180, FIRST_DAY + day * 10), min(end + day * 365, AS_OF - day * 7))
        return start, end, created

    def _sdg_targets(self, lang: str, units: list[str]) -> list[tuple[str, str]]:
        rng = self.rng
        candidates = [(unit, target, why) for unit in units for target, why in self.ref.matrix.get(unit, ())]
        if not candidates:
            return []
        first = [c for c in candidates if c[0] == units[0]] or candidates
        picked = [rng.choice(first)]
        rest = [c for c in candidates if c[1] != picked[0][1]]
        picked += rng.sample(rest, min(len(rest), rng.choices((0, 1, 2, 3), weights=(35, 35, 20, 10))[0]))
        seen: dict[str, str] = {}
        for unit, target, why in picked:
            if target not in seen:
                aim = THEMES[lang][unit][1]
                text = (
                    why
                    if lang == "en" and why
                    else FRAMES[lang].get("sdg_rationale", "{aim}").format(aim=aim, code=target)
                )
                seen[target] = text[:500]
        return list(seen.items())

    def _wsis_targets(self, units: list[str]) -> list[int]:
        relevant = sorted({n for unit in units for n in RELEVANT_WSIS_TARGETS[unit] if n in self.ref.wsis_targets})
        if not relevant or self.rng.random() < 0.4:
            return []
        return sorted(self.rng.sample(relevant, min(len(relevant), self.rng.randint(1, 2))))

    def _partners(self, lang: str, s: _Slots) -> list[str]:
        index = LANGS.index(lang)
        return [UN_SHORT_NAMES[s.un_partner][index], *(PARTNER_KINDS[lang][k] for k in s.partner_kinds)]

    def _sentence(self, lang: str, key: str, s: _Slots) -> str:
        frames, theme = FRAMES[lang], THEMES[lang][s.unit]
        acts, groups, techs = theme[2], theme[3], theme[4]
        if key == "results":
            planned = s.status == "planned"
            year = (s.end_year or s.year + 2) if planned else s.year
            return frames["results"]["planned" if planned else "done"].format(
                year=year, n=_number(lang, s.reach), g1=groups[0], m=s.local_partners
            )
        if key == "acts":
            return frames["acts"].format(a1=acts[0], a2=acts[1], a3=acts[2])
        if key == "groups":
            return frames["groups"].format(g1=groups[0], g2=groups[1])
        if key == "techs":
            return frames["techs"].format(t1=techs[0], t2=techs[1])
        if key == "partners":
            return frames["partners"].format(partners=_join(lang, self._partners(lang, s)))
        if key == "context":
            return frames["context"][s.context]
        if key == "challenges":
            return frames["challenges"][s.challenge]
        if key == "wsis":
            return frames["wsis"].format(code=s.unit, name=self.ref.action_lines[s.unit][1][lang])
        return frames[key]

    def _render(self, lang: str, s: _Slots) -> tuple[str, str]:
        frames, theme, ref = FRAMES[lang], THEMES[lang][s.unit], self.ref
        names = [ref.countries[c].names[lang] for c in s.countries]
        region = ref.regions[s.area][1][lang] if s.area in ref.regions else frames["world"]
        place = {"national": names[0], "regional": region}.get(s.coverage, frames["world"])
        brand = s.brand[1] if lang == s.language else s.brand[0]
        organisation = _with_article(lang, s.organisation.name(lang))
        if s.coverage == "international" or (s.title_pattern == 2 and s.coverage == "regional"):
            pattern = frames["titles_wide"][1 if s.end_year and s.title_pattern == 2 else 0]
        else:
            pattern = frames["titles"][s.title_pattern]
        title = pattern.format(core=theme[0], place=place, brand=brand, year=s.year, end=s.end_year)
        listed = names[:6] + (["…"] if len(names) > 6 else [])
        sentences = {
            "intro": frames["intro"][s.intro].format(
                org=organisation,
                Org=organisation[:1].upper() + organisation[1:],
                title=title,
                kind=frames["kinds"][s.activity_type],
                aim=theme[1],
            ),
            "scope": frames["scope"][s.coverage].format(places=frames["and"][0].join(listed), region=region),
        }
        for key in ("acts", "groups", "results", "wsis"):
            sentences[key] = self._sentence(lang, key, s)
        size = sum(_size(lang, text) for text in sentences.values())
        chars = sum(len(text) + 1 for text in sentences.values())
        for key in s.optional:
            text = self._sentence(lang, key, s)
            if size + _size(lang, text) <= 200 and chars + len(text) + 1 <= 1600:
                sentences[key] = text
                size += _size(lang, text)
                chars += len(text) + 1
        joiner = "" if lang == "zh" else " "
        return title[:300], joiner.join(sentences[key] for key in SENTENCE_ORDER if key in sentences)


# Articles before organisation names in running text ("Led by the Ministry of Health"); brand names
# of companies and NGOs take none.
ARTICLES = {
    "en": dict.fromkeys(("Ministry", "National", "Centre", "International", "United", "World", "Food", "Economic", "Office", "Universal"), "the "),
    "fr": {"Ministère": "le ", "Centre": "le ", "Réseau": "le ", "Groupe": "le ", "Point": "le ", "Programme": "le ", "Fonds": "le ", "Haut-Commissariat": "le ", "Département": "le ", "Institut": "l'", "Office": "l'", "Agence": "l'", "Autorité": "l'", "Association": "l'", "Union": "l'", "Organisation": "l'", "Université": "l'", "Entité": "l'", "Fondation": "la ", "Commission": "la ", "Conférence": "la "},
    "es": {"Ministerio": "el ", "Centro": "el ", "Instituto": "el ", "Servicio": "el ", "Punto": "el ", "Grupo": "el ", "Programa": "el ", "Fondo": "el ", "Departamento": "el ", "Organismo": "el ", "Agencia": "la ", "Autoridad": "la ", "Asociación": "la ", "Fundación": "la ", "Unión": "la ", "Organización": "la ", "Universidad": "la ", "Red": "la ", "Comisión": "la ", "Conferencia": "la ", "Oficina": "la ", "Entidad": "la "},
}  # fmt: skip


def _with_article(lang: str, name: str) -> str:
    article = ARTICLES.get(lang, {}).get(name.split(" ", 1)[0].split("-", 1)[0], "")
    if article and lang == "fr" and name.startswith("Haut"):
        article = "le "
    return article + name


@functools.lru_cache(maxsize=8192)  # most sentences recur verbatim across entries
def _size(lang: str, text: str) -> int:
    """Words, or for Chinese half the characters (about the length of the same text in English words)."""
    return len(text) // 2 if lang == "zh" else len(text.split())


def word_count(lang: str, text: str) -> int:
    """The length of a short description in words, as the 150-200 word rule counts them."""
    return _size(lang, text)


def _number(lang: str, value: int) -> str:
    if lang in ("ar", "zh"):
        return str(value)
    grouped = f"{value:,}"
    return grouped.replace(",", {"en": ",", "es": "."}.get(lang, "\u00a0"))


def _join(lang: str, items: Sequence[str]) -> str:
    comma, last = FRAMES[lang]["and"]
    return items[0] if len(items) == 1 else comma.join(items[:-1]) + last + items[-1]


def _between(rng: random.Random, low: datetime.date, high: datetime.date) -> datetime.date:
    """A day in [low, high], weighted towards recent years as the database grew."""
    span = max((high - low).days, 0)
    return low + datetime.timedelta(days=int(span * math.sqrt(rng.random())))


def _moment(day: datetime.date, minutes: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC) + datetime.timedelta(minutes=minutes)


def generate(n: int, *, seed: int = 2026, reference: Reference | None = None) -> Iterator[EntryData]:
    """Yield n plausible entries; the same seed and reference data give the same entries."""
    generator = _Generator(reference or Reference.load(), seed)
    for _ in range(n):
        yield generator.entry()


class _Owners:
    """Organisations and their demo users, created once each and remembered across batches."""

    def __init__(self, reference: Reference) -> None:
        self.ref = reference
        self.ids: dict[OrganisationData, tuple[int, int]] = {}  # organisation -> (organisation id, user id)

    def ensure(self, batch: Sequence[EntryData]) -> None:
        """Create what the batch needs and is missing: at most 5 queries, none when all are known."""
        new = list(dict.fromkeys(e.organisation for e in batch if e.organisation not in self.ids))
        if not new:
            return
        ref = self.ref
        org_ids = {o: ref.un_organisations[o.code][0] for o in new if o.code}
        generated = [o for o in new if not o.code]
        if generated:
            existing = {
                (name, country_id): pk
                for pk, name, country_id in Organisation.objects.filter(
                    code=None, name_en__in={o.name_en for o in generated}
                ).values_list("pk", "name_en", "country_id")
            }
            missing = []
            for o in generated:
                pk = existing.get((o.name_en, ref.countries[o.country].pk if o.country else None))  # type: ignore[arg-type]
                if pk is None:
                    missing.append(o)
                else:
                    org_ids[o] = pk
            rows = [
                Organisation(
                    name_en=o.name_en,
                    stakeholder_type_id=ref.stakeholder_types[o.stakeholder_type],
                    country_id=ref.countries[o.country].pk if o.country else None,
                    website=f"https://{o.slug}.example.org",
                    verified=True,
                    **{f"name_{lang}": name for lang, name in o.local_names},
                )
                for o in missing
            ]
            # Bulk inserts write no history or audit rows: demo data is not a change anyone made.
            for o, row in zip(missing, Organisation.objects.bulk_create(rows, batch_size=2000), strict=True):
                org_ids[o] = row.pk
        emails = {o: o.owner_email for o in new}
        User.objects.bulk_create(
            [
                User(
                    email=email,
                    full_name=f"{DEMO_USER_NAME} ({o.name_en})"[:200],
                    password=make_password(None),
                    email_verified=True,
                )
                for o, email in emails.items()
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        user_ids = dict(User.objects.filter(email__in=emails.values()).values_list("email", "pk"))
        Membership.objects.bulk_create(
            [
                Membership(user_id=user_ids[email], organisation_id=org_ids[o], role=Membership.Role.ADMIN)
                for o, email in emails.items()
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        for o, email in emails.items():
            self.ids[o] = (org_ids[o], user_ids[email])


def _batches(items: Iterable[EntryData], size: int) -> Iterator[list[EntryData]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _table(model: type[Any]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _copy(cursor: Any, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _m2m(name: str) -> tuple[str, str, str]:
    relation: Any = Entry._meta.get_field(name)  # a ManyToManyField (the stubs type it as any field)
    return _table(relation.remote_field.through), relation.m2m_column_name(), relation.m2m_reverse_name()


def load(n: int, *, state: str = "published", batch_size: int = 5000, seed: int = 2026) -> int:
    """Bulk-insert n generated entries with their links and translations; returns how many were added.

    Per batch: up to 5 queries for new organisations and users, 1 to reserve entry ids, 7 COPY
    statements. Each batch commits on its own, so an interrupted load keeps the batches it finished.
    """
    if state not in (Entry.State.PUBLISHED, Entry.State.DRAFT):
        raise ValueError(f"state must be published or draft, not {state!r}")
    ref = Reference.load()
    published = state == Entry.State.PUBLISHED
    approver = User.objects.filter(email=SECRETARIAT_EMAIL).values_list("pk", flat=True).first() if published else None
    owners = _Owners(ref)
    entry_table = _table(Entry)
    columns = [f.column for f in Entry._meta.concrete_fields]
    attnames = [f.attname for f in Entry._meta.concrete_fields]
    wsis_table, wsis_entry, wsis_target = _m2m("wsis_targets")
    country_table, country_entry, country_col = _m2m("countries")
    region_table, region_entry, region_col = _m2m("regions")
    added = 0
    for batch in _batches(generate(n, seed=seed, reference=ref), batch_size):
        with transaction.atomic():
            owners.ensure(batch)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [Entry._meta.db_table, len(batch)],
                )
                ids = [row[0] for row in cursor.fetchall()]
                pairs = list(zip(ids, batch, strict=True))
                _copy(
                    cursor,
                    entry_table,
                    columns,
                    (_entry_row(pk, e, attnames, owners, ref, published, approver) for pk, e in pairs),
                )
                _copy(
                    cursor,
                    _table(EntryActionLine),
                    ("entry_id", "action_line_id", "rationale"),
                    ((pk, ref.action_lines[c][0], why) for pk, e in pairs for c, why in e.action_lines),
                )
                _copy(
                    cursor,
                    _table(EntrySdgTarget),
                    ("entry_id", "target_id", "rationale"),
                    ((pk, ref.sdg_targets[c], why) for pk, e in pairs for c, why in e.sdg_targets),
                )
                _copy(
                    cursor,
                    wsis_table,
                    (wsis_entry, wsis_target),
                    ((pk, ref.wsis_targets[t]) for pk, e in pairs for t in e.wsis_targets),
                )
                _copy(
                    cursor,
                    country_table,
                    (country_entry, country_col),
                    ((pk, ref.countries[c].pk) for pk, e in pairs for c in e.countries),
                )
                _copy(
                    cursor,
                    region_table,
                    (region_entry, region_col),
                    ((pk, ref.regions[r][0]) for pk, e in pairs for r in e.regions),
                )
                _copy(
                    cursor,
                    _table(EntryTranslation),
                    ("entry_id", "language", "title", "short_description", "description", "provided_by_owner"),
                    (
                        (pk, t.language, t.title, t.short_description, "", t.provided_by_owner)
                        for pk, e in pairs
                        for t in e.translations
                    ),
                )
        added += len(batch)
    _reindex()
    return added


def _entry_row(
    pk: int,
    e: EntryData,
    attnames: Sequence[str],
    owners: _Owners,
    ref: Reference,
    published: bool,
    approver: int | None,
) -> list[Any]:
    organisation_id, owner_id = owners.ids[e.organisation]
    values: dict[str, Any] = {
        "id": pk,
        "external_id": e.external_id,
        "title": e.title,
        "short_description": e.short_description,
        "description": e.description,
        "activity_type": e.activity_type,
        "organisation_id": organisation_id,
        "stakeholder_type_id": ref.stakeholder_types[e.stakeholder_type],
        "coverage": e.coverage,
        "status": e.status,
        "start_date": e.start_date,
        "end_date": e.end_date,
        "website": e.website,
        "links": "[]" if not e.links else _json(e.links),
        "partners": e.partners,
        "impact": e.impact,
        "challenges": e.challenges,
        "contact_name": e.contact_name,
        "contact_email": e.contact_email,
        "original_language": e.original_language,
        "state": Entry.State.PUBLISHED if published else Entry.State.DRAFT,
        "state_reason": e.state_reason,
        "owner_id": owner_id,
        "created_at": e.created_at,
        "updated_at": e.content_updated_at if published else e.created_at,
        "submitted_at": e.submitted_at if published else None,
        "published_at": e.published_at if published else None,
        "content_updated_at": e.content_updated_at if published else None,
        "approved_by_id": approver,
        "approved_at": e.approved_at if published else None,
        "update_requested_at": e.update_requested_at if published else None,
        "version": e.version if published else 1,
        # Left for search.reindex_entries, which owns how they are computed.
        "facet_action_lines": [],
        "facet_sdg_goals": [],
        "facet_countries": [],
        "facet_regions": [],
        "year": None,
    }
    return [values[name] for name in attnames]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _reindex() -> None:
    """Compute facets and search vectors with the search module, when it exists."""
    try:
        search = importlib.import_module("stocktaking.search")
    except ImportError:
        search = None
    reindex = getattr(search, "reindex_entries", None)
    if reindex is None:
        print("stocktaking.search.reindex_entries is not available: facets and search vectors were not computed.")
        return
    reindex(None)
