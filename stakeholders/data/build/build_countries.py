#!/usr/bin/env python3
"""Generate the reference CSV files in stakeholders/data/ (one-off developer tool).

NOT used at runtime.  Run it once, by hand, in a throwaway virtualenv outside the repo:

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install babel==2.17.0 pycountry==26.2.16 country-converter==1.3.2
    /tmp/refvenv/bin/python stakeholders/data/build/build_countries.py

Provenance (see ../SOURCES.md for details):
  * M49 hierarchy and English names: UNSD "Standard country or area codes for
    statistical use (M49)", transcribed in m49_table.py.
  * ISO alpha-2 and numeric codes: pycountry (ISO 3166-1).  Cross-checked against
    country_converter's country_data.tsv (UNcode / UNregion) - the script aborts on
    any disagreement.
  * Names in fr/es/ru/ar/zh: Unicode CLDR 46 as shipped with Babel 2.17.0
    (``Locale(lang).territories``), with the UN terminology short names substituted
    where the UN's official form differs from CLDR (NAME_OVERRIDES below) and a few
    mechanical clean-ups (Russian abbreviations "о-в"/"о-ва" spelled out,
    typographic apostrophes made ASCII).
  * LDC / LLDC / SIDS: UN-OHRLLS country lists (LDC list after Sao Tome and
    Principe's graduation on 13 Dec 2024; SIDS list of UN members and non-UN
    members/associate members of regional commissions).
  * Regional commission membership: ECA, ECE, ECLAC, ESCAP, ESCWA membership
    pages (terms of reference of each commission).
  * Organisations and stakeholder types: hand-maintained tables below.

The script is deterministic: re-running it with the same package versions
reproduces the files byte for byte.
"""
from __future__ import annotations

import csv
import io
import os
import sys
import unicodedata

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import babel  # noqa: E402
import country_converter  # noqa: E402
import pycountry  # noqa: E402
from babel import Locale  # noqa: E402

from m49_table import M49_TABLE  # noqa: E402

LANGS = ["en", "fr", "es", "ru", "ar", "zh"]
OTHER_LANGS = LANGS[1:]
LOCALES = {lang: Locale(lang) for lang in LANGS}  # 'zh' = Simplified Chinese

# --------------------------------------------------------------------------
# Regions (UN M49)
# --------------------------------------------------------------------------
# code, kind, parent, UN M49 English name
REGIONS = [
    ("001", "world", "", "World"),
    ("002", "region", "001", "Africa"),
    ("019", "region", "001", "Americas"),
    ("142", "region", "001", "Asia"),
    ("150", "region", "001", "Europe"),
    ("009", "region", "001", "Oceania"),
    ("015", "subregion", "002", "Northern Africa"),
    ("202", "subregion", "002", "Sub-Saharan Africa"),
    ("419", "subregion", "019", "Latin America and the Caribbean"),
    ("021", "subregion", "019", "Northern America"),
    ("143", "subregion", "142", "Central Asia"),
    ("030", "subregion", "142", "Eastern Asia"),
    ("035", "subregion", "142", "South-eastern Asia"),
    ("034", "subregion", "142", "Southern Asia"),
    ("145", "subregion", "142", "Western Asia"),
    ("151", "subregion", "150", "Eastern Europe"),
    ("154", "subregion", "150", "Northern Europe"),
    ("039", "subregion", "150", "Southern Europe"),
    ("155", "subregion", "150", "Western Europe"),
    ("053", "subregion", "009", "Australia and New Zealand"),
    ("054", "subregion", "009", "Melanesia"),
    ("057", "subregion", "009", "Micronesia"),
    ("061", "subregion", "009", "Polynesia"),
    ("014", "intermediate", "202", "Eastern Africa"),
    ("017", "intermediate", "202", "Middle Africa"),
    ("018", "intermediate", "202", "Southern Africa"),
    ("011", "intermediate", "202", "Western Africa"),
    ("029", "intermediate", "419", "Caribbean"),
    ("013", "intermediate", "419", "Central America"),
    ("005", "intermediate", "419", "South America"),
    ("830", "intermediate", "154", "Channel Islands"),
    ("199", "grouping", "", "Least Developed Countries (LDC)"),
    ("432", "grouping", "", "Land Locked Developing Countries (LLDC)"),
    ("722", "grouping", "", "Small Island Developing States (SIDS)"),
]

# Codes CLDR lacks (830, 199, 432, 722) and codes whose CLDR label denotes a
# different concept than M49 (CLDR 419 = "Latin America", 053 = "Australasia",
# 057 = "Micronesian Region"): UN names, fr/es/ru/ar/zh.
REGION_NAME_OVERRIDES = {
    "419": ("Amérique latine et Caraïbes", "América Latina y el Caribe",
            "Латинская Америка и Карибский бассейн",
            "أمريكا اللاتينية ومنطقة البحر الكاريبي", "拉丁美洲和加勒比"),
    "053": ("Australie et Nouvelle-Zélande", "Australia y Nueva Zelandia",
            "Австралия и Новая Зеландия", "أستراليا ونيوزيلندا", "澳大利亚和新西兰"),
    "057": ("Micronésie", "Micronesia", "Микронезия", "ميكرونيزيا", "密克罗尼西亚"),
    "830": ("Îles Anglo-Normandes", "Islas del Canal", "Нормандские острова",
            "جزر القنال", "海峡群岛"),
    "199": ("Pays les moins avancés (PMA)", "Países menos adelantados (PMA)",
            "Наименее развитые страны (НРС)", "أقل البلدان نموا", "最不发达国家"),
    "432": ("Pays en développement sans littoral (PDSL)",
            "Países en desarrollo sin litoral (PDSL)",
            "Развивающиеся страны, не имеющие выхода к морю (РСНВМ)",
            "البلدان النامية غير الساحلية", "内陆发展中国家"),
    "722": ("Petits États insulaires en développement (PEID)",
            "Pequeños Estados insulares en desarrollo (PEID)",
            "Малые островные развивающиеся государства (МОРАГ)",
            "الدول الجزرية الصغيرة النامية", "小岛屿发展中国家"),
}

# Single-language corrections of CLDR region labels that are not the UN usage
# (lower-case "весь мир", "Тропическая Африка", "Североамериканский регион", ...).
REGION_NAME_FIXES = {
    "001": {"ru": "Мир"},
    "019": {"es": "Américas"},
    "202": {"ru": "Африка к югу от Сахары"},
    "021": {"es": "América septentrional", "ru": "Северная Америка", "zh": "北美洲"},
    "035": {"es": "Asia sudoriental"},
    "029": {"ru": "Карибский бассейн"},
    "061": {"zh": "波利尼西亚"},
}

# --------------------------------------------------------------------------
# Country names: UN terminology short names where they differ from CLDR.
# Tuple order fr, es, ru, ar, zh; None = keep CLDR.
# --------------------------------------------------------------------------
NAME_OVERRIDES = {
    # Africa
    "COG": ("Congo", "Congo", "Конго", "الكونغو", "刚果"),
    "COD": ("République démocratique du Congo", "República Democrática del Congo",
            "Демократическая Республика Конго", "جمهورية الكونغو الديمقراطية",
            "刚果民主共和国"),
    "TZA": ("République-Unie de Tanzanie", "República Unida de Tanzanía",
            "Объединенная Республика Танзания", "جمهورية تنزانيا المتحدة",
            "坦桑尼亚联合共和国"),
    "CPV": ("Cabo Verde", None, None, "كابو فيردي", None),
    "CIV": ("Côte d'Ivoire", "Côte d'Ivoire", "Кот-д'Ивуар", "كوت ديفوار", None),
    "DJI": (None, "Djibouti", None, None, None),
    "KEN": (None, "Kenya", None, None, None),
    "MWI": (None, "Malawi", None, None, None),
    "RWA": (None, "Rwanda", None, None, None),
    "ZWE": (None, "Zimbabwe", None, None, None),
    "BWA": (None, "Botswana", None, None, None),
    "SWZ": (None, "Eswatini", None, None, None),
    "LSO": (None, "Lesotho", None, None, None),
    "BEN": (None, "Benin", None, None, None),
    "GNB": (None, "Guinea-Bissau", None, None, None),
    "SYC": (None, None, "Сейшельские Острова", None, None),
    "SHN": (None, None, "Остров Святой Елены", None, None),
    "REU": ("Réunion", None, None, None, None),
    "ZAF": (None, None, "Южная Африка", None, None),
    "CAF": (None, None, "Центральноафриканская Республика", None, None),
    # Americas
    "BES": ("Bonaire, Saint-Eustache et Saba", "Bonaire, San Eustaquio y Saba", None,
            "بونير وسانت يوستاشيوس وسابا", "博奈尔、圣俄斯塔休斯和萨巴"),
    "KNA": ("Saint-Kitts-et-Nevis", "Saint Kitts y Nevis", None, None, None),
    "MAF": ("Saint-Martin (partie française)", "San Martín (parte francesa)",
            "Сен-Мартен (французская часть)", "سان مارتن (الجزء الفرنسي)", "圣马丁(法属)"),
    "SXM": (None, "San Martín (parte neerlandesa)", "Синт-Мартен (нидерландская часть)",
            "سانت مارتن (الجزء الهولندي)", "圣马丁(荷属)"),
    "VGB": (None, None, "Британские Виргинские острова", "جزر فرجن البريطانية", None),
    "VIR": ("Îles Vierges américaines", "Islas Vírgenes de los Estados Unidos",
            "Виргинские острова Соединенных Штатов", "جزر فرجن التابعة للولايات المتحدة",
            None),
    "CYM": (None, None, "Каймановы острова", None, None),
    "TCA": (None, None, "Острова Теркс и Кайкос", None, None),
    "DOM": (None, None, None, "الجمهورية الدومينيكية", None),
    "TTO": (None, "Trinidad y Tabago", None, None, None),
    "SLV": ("El Salvador", None, None, None, None),
    "BOL": ("Bolivie (État plurinational de)", "Bolivia (Estado Plurinacional de)",
            "Боливия (Многонациональное Государство)",
            "بوليفيا (دولة - المتعددة القوميات)", "多民族玻利维亚国"),
    "VEN": ("Venezuela (République bolivarienne du)",
            "Venezuela (República Bolivariana de)",
            "Венесуэла (Боливарианская Республика)",
            "فنزويلا (جمهورية - البوليفارية)", "委内瑞拉玻利瓦尔共和国"),
    "FLK": ("Îles Falkland (Malvinas)", "Islas Malvinas (Falkland)",
            "Фолклендские (Мальвинские) острова", "جزر فوكلاند (مالفيناس)",
            "福克兰群岛(马尔维纳斯)"),
    "SUR": (None, "Suriname", None, None, None),
    "BMU": (None, None, "Бермудские острова", None, None),
    "USA": ("États-Unis d'Amérique", "Estados Unidos de América",
            "Соединенные Штаты Америки", "الولايات المتحدة الأمريكية", "美利坚合众国"),
    # Asia
    "KAZ": (None, "Kazajstán", None, None, None),
    "KGZ": ("Kirghizistan", None, "Кыргызстан", None, None),
    "HKG": ("Chine, région administrative spéciale de Hong Kong",
            "China, Región Administrativa Especial de Hong Kong",
            "Китай, Специальный административный район Гонконг",
            "الصين، منطقة هونغ كونغ الإدارية الخاصة", "中国香港特别行政区"),
    "MAC": ("Chine, région administrative spéciale de Macao",
            "China, Región Administrativa Especial de Macao",
            "Китай, Специальный административный район Макао",
            "الصين، منطقة ماكاو الإدارية الخاصة", "中国澳门特别行政区"),
    "PRK": ("République populaire démocratique de Corée",
            "República Popular Democrática de Corea",
            "Корейская Народно-Демократическая Республика",
            "جمهورية كوريا الشعبية الديمقراطية", "朝鲜民主主义人民共和国"),
    "KOR": ("République de Corée", "República de Corea", "Республика Корея",
            "جمهورية كوريا", "大韩民国"),
    "BRN": ("Brunéi Darussalam", "Brunei Darussalam", "Бруней-Даруссалам",
            "بروني دار السلام", "文莱达鲁萨兰国"),
    "LAO": ("République démocratique populaire lao", "República Democrática Popular Lao",
            "Лаосская Народно-Демократическая Республика",
            "جمهورية لاو الديمقراطية الشعبية", "老挝人民民主共和国"),
    "MMR": ("Myanmar", "Myanmar", "Мьянма", "ميانمار", "缅甸"),
    "TLS": ("Timor-Leste", "Timor-Leste", "Тимор-Лешти", "تيمور - ليشتي", "东帝汶"),
    "VNM": ("Viet Nam", "Viet Nam", "Вьетнам", "فييت نام", "越南"),
    "BGD": (None, "Bangladesh", None, None, None),
    "BTN": (None, "Bhután", None, None, None),
    "IRN": ("Iran (République islamique d')", "Irán (República Islámica del)",
            "Иран (Исламская Республика)", "إيران (جمهورية - الإسلامية)",
            "伊朗伊斯兰共和国"),
    "MDV": (None, None, None, "ملديف", None),
    "BHR": (None, "Bahrein", None, None, None),
    "IRQ": ("Iraq", "Iraq", None, None, None),
    "QAT": (None, "Qatar", None, None, None),
    "SAU": (None, "Arabia Saudita", None, None, None),
    "PSE": ("État de Palestine", "Estado de Palestina", "Государство Палестина",
            "دولة فلسطين", "巴勒斯坦国"),
    "SYR": ("République arabe syrienne", "República Árabe Siria",
            "Сирийская Арабская Республика", "الجمهورية العربية السورية",
            "阿拉伯叙利亚共和国"),
    "TUR": ("Türkiye", "Türkiye", None, None, None),
    "ARE": (None, None, "Объединенные Арабские Эмираты", None, None),
    # Europe
    "BLR": ("Bélarus", "Belarús", None, None, None),
    "CZE": (None, None, None, "تشيكيا", None),
    "MDA": ("République de Moldova", "República de Moldova", "Республика Молдова",
            "جمهورية مولدوفا", "摩尔多瓦共和国"),
    "ROU": (None, "Rumania", None, None, None),
    "RUS": ("Fédération de Russie", "Federación de Rusia", "Российская Федерация",
            "الاتحاد الروسي", "俄罗斯联邦"),
    "ALA": ("Îles d'Åland", "Islas Åland", "Аландские острова", None, None),
    "SJM": ("Îles Svalbard-et-Jan Mayen", "Islas Svalbard y Jan Mayen",
            "Острова Свальбард и Ян-Майен", "جزيرتا سفالبارد ويان مايِن", "斯瓦尔巴群岛和扬马延岛"),
    "IMN": (None, None, "Остров Мэн", None, None),
    "GBR": ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
            "Reino Unido de Gran Bretaña e Irlanda del Norte",
            "Соединенное Королевство Великобритании и Северной Ирландии",
            "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
            "大不列颠及北爱尔兰联合王国"),
    "VAT": ("Saint-Siège", "Santa Sede", "Святейший Престол", "الكرسي الرسولي", "教廷"),
    "NLD": ("Pays-Bas (Royaume des)", "Países Bajos (Reino de los)",
            "Нидерланды (Королевство)", "هولندا (مملكة -)", "荷兰王国"),
    "GGY": (None, "Guernsey", None, None, None),
    # Oceania
    "NZL": (None, "Nueva Zelandia", None, None, None),
    "FJI": (None, "Fiji", None, None, None),
    "PNG": (None, "Papua Nueva Guinea", None, None, None),
    "PLW": (None, "Palau", None, None, None),
    "FSM": ("Micronésie (États fédérés de)", "Micronesia (Estados Federados de)",
            "Микронезия (Федеративные Штаты)", "ميكرونيزيا (ولايات - الموحدة)",
            "密克罗尼西亚联邦"),
    "SLB": (None, None, "Соломоновы Острова", None, None),
    "MHL": (None, None, "Маршалловы Острова", None, None),
    "CCK": ("Îles des Cocos (Keeling)", "Islas Cocos (Keeling)",
            "Кокосовые (Килинг) острова", None, None),
    "HMD": (None, None, "Остров Херд и острова Макдональд", None, None),
    "UMI": (None, "Islas menores alejadas de los Estados Unidos",
            "Внешние малые острова Соединенных Штатов", None, None),
    "WLF": ("Îles Wallis-et-Futuna", "Islas Wallis y Futuna", "Острова Уоллис и Футуна",
            None, None),
    "PCN": ("Pitcairn", "Pitcairn", "Питкэрн", "بيتكيرن", "皮特凯恩"),
}

# --------------------------------------------------------------------------
# Groupings (UN-OHRLLS)
# --------------------------------------------------------------------------
# 44 LDCs (Bhutan graduated 13 Dec 2023, Sao Tome and Principe 13 Dec 2024).
LDC = set("""
AGO BEN BFA BDI CAF TCD COM COD DJI ERI ETH GMB GIN GNB LSO LBR MDG MWI MLI MRT
MOZ NER RWA SEN SLE SOM SSD SDN TGO UGA TZA ZMB
AFG BGD KHM LAO MMR NPL TLS YEM
HTI
KIR SLB TUV
""".split())

# 32 landlocked developing countries.
LLDC = set("""
AFG ARM AZE BTN BOL BWA BFA BDI CAF TCD SWZ ETH KAZ KGZ LAO LSO MWI MLI MNG NPL
NER MKD PRY MDA RWA SSD TJK TKM UGA UZB ZMB ZWE
""".split())

# UN-OHRLLS SIDS list: 37 UN members (Bahrain is not on the OHRLLS list, it is
# not an AOSIS member) + 20 non-UN members / associate members of regional
# commissions (Cook Islands and Niue among them).
SIDS_UN = set("""
ATG BHS BRB BLZ CPV COM CUB DMA DOM FJI GRD GNB GUY HTI JAM KIR MDV MHL MUS FSM
NRU PLW PNG WSM STP SYC SGP KNA LCA VCT SLB SUR TLS TON TTO TUV VUT
""".split())
SIDS_NON_UN = set("""
ASM AIA ABW BMU VGB CYM MNP COK CUW PYF GLP GUM MTQ MSR NCL NIU PRI SXM TCA VIR
""".split())
SIDS = SIDS_UN | SIDS_NON_UN

# The 193 UN Member States (present in M49 list; non-members: all others,
# including observer States Holy See and State of Palestine, Cook Islands, Niue).
UN_MEMBERS = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())

# --------------------------------------------------------------------------
# Regional commissions
# --------------------------------------------------------------------------
ECE_MEMBERS = """
ALB AND ARM AUT AZE BLR BEL BIH BGR CAN HRV CYP CZE DNK EST FIN FRA GEO DEU GRC
HUN ISL IRL ISR ITA KAZ KGZ LVA LIE LTU LUX MLT MCO MNE NLD MKD NOR POL PRT MDA
ROU RUS SMR SRB SVK SVN ESP SWE CHE TJK TUR TKM UKR GBR USA UZB
""".split()
ECLAC_MEMBERS = """
ATG ARG BHS BRB BLZ BOL BRA CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND
JAM MEX NIC PAN PRY PER KNA LCA VCT SUR TTO URY VEN
CAN FRA DEU ITA JPN NLD NOR PRT KOR ESP TUR GBR USA
""".split()
ECLAC_ASSOCIATES = """
AIA ABW BMU VGB CYM CUW GUF GLP MTQ MSR PRI SXM TCA VIR
""".split()
ESCAP_MEMBERS = """
AFG ARM AUS AZE BGD BTN BRN KHM CHN PRK FJI FRA GEO IND IDN IRN JPN KAZ KIR KGZ
LAO MYS MDV MHL FSM MNG MMR NRU NPL NLD NZL PAK PLW PNG PHL KOR RUS WSM SGP SLB
LKA TJK THA TLS TON TUR TKM TUV GBR USA UZB VUT VNM
""".split()
ESCAP_ASSOCIATES = "ASM COK PYF GUM HKG MAC NCL NIU MNP".split()
ESCWA_MEMBERS = """
DZA BHR DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE
YEM
""".split()

# --------------------------------------------------------------------------
# Stakeholder types and organisations
# --------------------------------------------------------------------------
STAKEHOLDER_TYPES = [
    ("government", "Government", "Gouvernement", "Gobierno", "Правительство",
     "الحكومة", "政府"),
    ("international_organisation", "International organization",
     "Organisation internationale", "Organización internacional",
     "Международная организация", "منظمة دولية", "国际组织"),
    ("civil_society", "Civil society", "Société civile", "Sociedad civil",
     "Гражданское общество", "المجتمع المدني", "民间社会"),
    ("private_sector", "Private sector", "Secteur privé", "Sector privado",
     "Частный сектор", "القطاع الخاص", "私营部门"),
    ("academia", "Academia", "Milieux universitaires", "Instituciones académicas",
     "Академические круги", "الأوساط الأكاديمية", "学术界"),
    ("technical_community", "Technical community", "Communauté technique",
     "Comunidad técnica", "Техническое сообщество", "المجتمع التقني", "技术界"),
]

# code, acronym_en, en, fr, es, ru, ar, zh, hq iso3, website, is_rc, is_ungis
ORGANISATIONS = [
    ("ITU", "ITU", "International Telecommunication Union",
     "Union internationale des télécommunications",
     "Unión Internacional de Telecomunicaciones",
     "Международный союз электросвязи", "الاتحاد الدولي للاتصالات", "国际电信联盟",
     "CHE", "https://www.itu.int", 0, 1),
    ("UNESCO", "UNESCO", "United Nations Educational, Scientific and Cultural Organization",
     "Organisation des Nations Unies pour l'éducation, la science et la culture",
     "Organización de las Naciones Unidas para la Educación, la Ciencia y la Cultura",
     "Организация Объединенных Наций по вопросам образования, науки и культуры",
     "منظمة الأمم المتحدة للتربية والعلم والثقافة", "联合国教育、科学及文化组织",
     "FRA", "https://www.unesco.org", 0, 1),
    ("UNDP", "UNDP", "United Nations Development Programme",
     "Programme des Nations Unies pour le développement",
     "Programa de las Naciones Unidas para el Desarrollo",
     "Программа развития Организации Объединенных Наций",
     "برنامج الأمم المتحدة الإنمائي", "联合国开发计划署",
     "USA", "https://www.undp.org", 0, 1),
    ("UNDESA", "UN DESA", "United Nations Department of Economic and Social Affairs",
     "Département des affaires économiques et sociales de l'Organisation des Nations Unies",
     "Departamento de Asuntos Económicos y Sociales de las Naciones Unidas",
     "Департамент по экономическим и социальным вопросам Организации Объединенных Наций",
     "إدارة الشؤون الاقتصادية والاجتماعية في الأمم المتحدة", "联合国经济和社会事务部",
     "USA", "https://www.un.org/en/desa", 0, 1),
    ("UNCTAD", "UNCTAD", "United Nations Conference on Trade and Development",
     "Conférence des Nations Unies sur le commerce et le développement",
     "Conferencia de las Naciones Unidas sobre Comercio y Desarrollo",
     "Конференция Организации Объединенных Наций по торговле и развитию",
     "مؤتمر الأمم المتحدة للتجارة والتنمية", "联合国贸易和发展会议",
     "CHE", "https://unctad.org", 0, 1),
    ("FAO", "FAO", "Food and Agriculture Organization of the United Nations",
     "Organisation des Nations Unies pour l'alimentation et l'agriculture",
     "Organización de las Naciones Unidas para la Alimentación y la Agricultura",
     "Продовольственная и сельскохозяйственная организация Объединенных Наций",
     "منظمة الأغذية والزراعة للأمم المتحدة", "联合国粮食及农业组织",
     "ITA", "https://www.fao.org", 0, 1),
    ("WHO", "WHO", "World Health Organization", "Organisation mondiale de la Santé",
     "Organización Mundial de la Salud", "Всемирная организация здравоохранения",
     "منظمة الصحة العالمية", "世界卫生组织",
     "CHE", "https://www.who.int", 0, 1),
    ("ILO", "ILO", "International Labour Organization",
     "Organisation internationale du Travail", "Organización Internacional del Trabajo",
     "Международная организация труда", "منظمة العمل الدولية", "国际劳工组织",
     "CHE", "https://www.ilo.org", 0, 1),
    ("WMO", "WMO", "World Meteorological Organization",
     "Organisation météorologique mondiale", "Organización Meteorológica Mundial",
     "Всемирная метеорологическая организация", "المنظمة العالمية للأرصاد الجوية",
     "世界气象组织", "CHE", "https://wmo.int", 0, 1),
    ("UNEP", "UNEP", "United Nations Environment Programme",
     "Programme des Nations Unies pour l'environnement",
     "Programa de las Naciones Unidas para el Medio Ambiente",
     "Программа Организации Объединенных Наций по окружающей среде",
     "برنامج الأمم المتحدة للبيئة", "联合国环境规划署",
     "KEN", "https://www.unep.org", 0, 1),
    ("ITC", "ITC", "International Trade Centre", "Centre du commerce international",
     "Centro de Comercio Internacional", "Центр по международной торговле",
     "مركز التجارة الدولية", "国际贸易中心",
     "CHE", "https://intracen.org", 0, 1),
    ("UPU", "UPU", "Universal Postal Union", "Union postale universelle",
     "Unión Postal Universal", "Всемирный почтовый союз", "الاتحاد البريدي العالمي",
     "万国邮政联盟", "CHE", "https://www.upu.int", 0, 1),
    ("ECA", "ECA", "Economic Commission for Africa",
     "Commission économique pour l'Afrique", "Comisión Económica para África",
     "Экономическая комиссия для Африки", "اللجنة الاقتصادية لأفريقيا", "非洲经济委员会",
     "ETH", "https://www.uneca.org", 1, 1),
    ("ECE", "ECE", "Economic Commission for Europe",
     "Commission économique pour l'Europe", "Comisión Económica para Europa",
     "Европейская экономическая комиссия", "اللجنة الاقتصادية لأوروبا", "欧洲经济委员会",
     "CHE", "https://unece.org", 1, 1),
    ("ECLAC", "ECLAC", "Economic Commission for Latin America and the Caribbean",
     "Commission économique pour l'Amérique latine et les Caraïbes",
     "Comisión Económica para América Latina y el Caribe",
     "Экономическая комиссия для Латинской Америки и Карибского бассейна",
     "اللجنة الاقتصادية لأمريكا اللاتينية ومنطقة البحر الكاريبي",
     "拉丁美洲和加勒比经济委员会", "CHL", "https://www.cepal.org", 1, 1),
    ("ESCAP", "ESCAP", "Economic and Social Commission for Asia and the Pacific",
     "Commission économique et sociale pour l'Asie et le Pacifique",
     "Comisión Económica y Social para Asia y el Pacífico",
     "Экономическая и социальная комиссия для Азии и Тихого океана",
     "اللجنة الاقتصادية والاجتماعية لآسيا والمحيط الهادئ", "亚洲及太平洋经济社会委员会",
     "THA", "https://www.unescap.org", 1, 1),
    ("ESCWA", "ESCWA", "Economic and Social Commission for Western Asia",
     "Commission économique et sociale pour l'Asie occidentale",
     "Comisión Económica y Social para Asia Occidental",
     "Экономическая и социальная комиссия для Западной Азии",
     "اللجنة الاقتصادية والاجتماعية لغربي آسيا", "西亚经济社会委员会",
     "LBN", "https://www.unescwa.org", 1, 1),
    # Further UNGIS members
    ("WIPO", "WIPO", "World Intellectual Property Organization",
     "Organisation mondiale de la propriété intellectuelle",
     "Organización Mundial de la Propiedad Intelectual",
     "Всемирная организация интеллектуальной собственности",
     "المنظمة العالمية للملكية الفكرية", "世界知识产权组织",
     "CHE", "https://www.wipo.int", 0, 1),
    ("UNICEF", "UNICEF", "United Nations Children's Fund",
     "Fonds des Nations Unies pour l'enfance",
     "Fondo de las Naciones Unidas para la Infancia",
     "Детский фонд Организации Объединенных Наций", "منظمة الأمم المتحدة للطفولة",
     "联合国儿童基金会", "USA", "https://www.unicef.org", 0, 1),
    ("UNIDO", "UNIDO", "United Nations Industrial Development Organization",
     "Organisation des Nations Unies pour le développement industriel",
     "Organización de las Naciones Unidas para el Desarrollo Industrial",
     "Организация Объединенных Наций по промышленному развитию",
     "منظمة الأمم المتحدة للتنمية الصناعية", "联合国工业发展组织",
     "AUT", "https://www.unido.org", 0, 1),
    ("UNHCR", "UNHCR", "Office of the United Nations High Commissioner for Refugees",
     "Haut-Commissariat des Nations Unies pour les réfugiés",
     "Oficina del Alto Comisionado de las Naciones Unidas para los Refugiados",
     "Управление Верховного комиссара Организации Объединенных Наций по делам беженцев",
     "مفوضية الأمم المتحدة لشؤون اللاجئين", "联合国难民事务高级专员办事处",
     "CHE", "https://www.unhcr.org", 0, 1),
    ("UNFPA", "UNFPA", "United Nations Population Fund",
     "Fonds des Nations Unies pour la population",
     "Fondo de Población de las Naciones Unidas",
     "Фонд Организации Объединенных Наций в области народонаселения",
     "صندوق الأمم المتحدة للسكان", "联合国人口基金",
     "USA", "https://www.unfpa.org", 0, 1),
    ("WFP", "WFP", "World Food Programme", "Programme alimentaire mondial",
     "Programa Mundial de Alimentos", "Всемирная продовольственная программа",
     "برنامج الأغذية العالمي", "世界粮食计划署",
     "ITA", "https://www.wfp.org", 0, 1),
    ("UNU", "UNU", "United Nations University", "Université des Nations Unies",
     "Universidad de las Naciones Unidas", "Университет Организации Объединенных Наций",
     "جامعة الأمم المتحدة", "联合国大学", "JPN", "https://unu.edu", 0, 1),
    ("UNITAR", "UNITAR", "United Nations Institute for Training and Research",
     "Institut des Nations Unies pour la formation et la recherche",
     "Instituto de las Naciones Unidas para Formación Profesional e Investigaciones",
     "Учебный и научно-исследовательский институт Организации Объединенных Наций",
     "معهد الأمم المتحدة للتدريب والبحث", "联合国训练研究所",
     "CHE", "https://unitar.org", 0, 1),
    ("UNODC", "UNODC", "United Nations Office on Drugs and Crime",
     "Office des Nations Unies contre la drogue et le crime",
     "Oficina de las Naciones Unidas contra la Droga y el Delito",
     "Управление Организации Объединенных Наций по наркотикам и преступности",
     "مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "联合国毒品和犯罪问题办公室",
     "AUT", "https://www.unodc.org", 0, 1),
    ("UNWOMEN", "UN-Women",
     "United Nations Entity for Gender Equality and the Empowerment of Women",
     "Entité des Nations Unies pour l'égalité des sexes et l'autonomisation des femmes",
     "Entidad de las Naciones Unidas para la Igualdad de Género y el Empoderamiento de las Mujeres",
     "Структура Организации Объединенных Наций по вопросам гендерного равенства и расширения прав и возможностей женщин",
     "هيئة الأمم المتحدة للمساواة بين الجنسين وتمكين المرأة",
     "联合国促进性别平等和增强妇女权能署",
     "USA", "https://www.unwomen.org", 0, 1),
    ("UNHABITAT", "UN-Habitat", "United Nations Human Settlements Programme",
     "Programme des Nations Unies pour les établissements humains",
     "Programa de las Naciones Unidas para los Asentamientos Humanos",
     "Программа Организации Объединенных Наций по населенным пунктам",
     "برنامج الأمم المتحدة للمستوطنات البشرية", "联合国人类住区规划署",
     "KEN", "https://unhabitat.org", 0, 1),
]


# --------------------------------------------------------------------------
def clean(lang: str, name: str) -> str:
    """Mechanical normalisation of CLDR labels."""
    name = unicodedata.normalize("NFC", name).replace("\u2019", "'").strip()
    if lang == "ru":
        # CLDR's Russian short forms abbreviate "остров(а)".
        if name.startswith("о-ва "):
            name = "Острова " + name[len("о-ва "):]
        elif name.startswith("о-в "):
            name = "Остров " + name[len("о-в "):]
        name = name.replace(" о-ва", " острова").replace(" о-в", " остров")
    return name


def cldr_region_names():
    out = {}
    for lang in LANGS:
        out[lang] = LOCALES[lang].territories
    return out


def write_csv(filename, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    with open(os.path.join(OUT, filename), "w", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())
    print(f"wrote {filename}: {len(rows)} rows")


# country_converter 1.3.2 disagrees with UNSD M49 here (UNSD is authoritative):
CC_KNOWN_ERRORS = {"NRU"}  # cc says Polynesia; M49 puts Nauru in Micronesia (057)


def load_cc():
    path = os.path.join(os.path.dirname(country_converter.__file__), "country_data.tsv")
    with open(path, encoding="utf-8") as fh:
        return {r["ISO3"]: r for r in csv.DictReader(fh, delimiter="\t")}


def main():
    cldr = cldr_region_names()
    regions = {code: (kind, parent, en) for code, kind, parent, en in REGIONS}

    # ---- regions.csv
    region_rows = []
    for code, kind, parent, en in REGIONS:
        if code in REGION_NAME_OVERRIDES:
            others = list(REGION_NAME_OVERRIDES[code])
        else:
            fixes = REGION_NAME_FIXES.get(code, {})
            others = [fixes.get(lang) or clean(lang, cldr[lang][code])
                      for lang in OTHER_LANGS]
        region_rows.append([code, kind, parent, en, *others])
    write_csv("regions.csv",
              ["code", "kind", "parent", "name_en", "name_fr", "name_es", "name_ru",
               "name_ar", "name_zh"], region_rows)

    # ---- countries.csv
    cc = load_cc()
    problems = []
    country_rows = []
    seen = set()
    for line in M49_TABLE.strip().splitlines():
        iso3, leaf, name_en = line.split("|")
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc is None:
            problems.append(f"{iso3}: not in pycountry")
            continue
        iso2, m49 = pc.alpha_2, pc.numeric
        seen.add(iso3)
        if leaf:
            kind = regions[leaf][0]
            if kind == "intermediate":
                intermediate, subregion = leaf, regions[leaf][1]
            else:
                intermediate, subregion = "", leaf
            region = regions[subregion][1]
        else:  # Antarctica: directly under World in M49
            region = subregion = intermediate = ""
        # cross-check against country_converter
        ccr = cc.get(iso3)
        if ccr is None:
            problems.append(f"{iso3}: not in country_converter")
        else:
            if ccr["UNcode"] and int(float(ccr["UNcode"])) != int(m49):
                problems.append(f"{iso3}: M49 {m49} vs country_converter {ccr['UNcode']}")
            if subregion and iso3 not in CC_KNOWN_ERRORS and \
                    ccr["UNregion"] != regions[subregion][2] and \
                    ccr["UNregion"] != regions.get(intermediate, ("", "", ""))[2]:
                problems.append(f"{iso3}: subregion {regions[subregion][2]} "
                                f"vs country_converter {ccr['UNregion']!r}")
        ov = NAME_OVERRIDES.get(iso3, (None,) * 5)
        names = [name_en]
        for i, lang in enumerate(OTHER_LANGS):
            names.append(ov[i] if ov[i] else clean(lang, cldr[lang][iso2]))
        country_rows.append([
            iso2, iso3, m49, region, subregion, intermediate,
            int(iso3 in LDC), int(iso3 in LLDC), int(iso3 in SIDS),
            int(iso3 in UN_MEMBERS), *names,
        ])
    for label, group in [("LDC", LDC), ("LLDC", LLDC), ("SIDS", SIDS),
                         ("UN_MEMBERS", UN_MEMBERS), ("overrides", set(NAME_OVERRIDES))]:
        for x in sorted(group - seen):
            problems.append(f"{label}: {x} not in M49 table")
    country_rows.sort(key=lambda r: r[1])
    write_csv("countries.csv",
              ["iso2", "iso3", "m49", "region", "subregion", "intermediate_region",
               "ldc", "lldc", "sids", "un_member", "name_en", "name_fr", "name_es",
               "name_ru", "name_ar", "name_zh"], country_rows)

    # ---- regional_commissions.csv
    africa = [r[1] for r in country_rows if r[3] == "002" and r[9] == 1]
    rc = []
    for comm, members, assoc in [
        ("ECA", sorted(africa), []),
        ("ECE", ECE_MEMBERS, []),
        ("ECLAC", ECLAC_MEMBERS, ECLAC_ASSOCIATES),
        ("ESCAP", ESCAP_MEMBERS, ESCAP_ASSOCIATES),
        ("ESCWA", ESCWA_MEMBERS, []),
    ]:
        for status, lst in (("member", members), ("associate", assoc)):
            if len(set(lst)) != len(lst):
                problems.append(f"{comm}: duplicate entries")
            for iso3 in sorted(set(lst)):
                if iso3 not in seen:
                    problems.append(f"{comm}: {iso3} not in countries")
                rc.append([comm, iso3, status])
    write_csv("regional_commissions.csv", ["commission", "iso3", "status"], rc)

    # ---- stakeholder_types.csv
    write_csv("stakeholder_types.csv",
              ["code", "name_en", "name_fr", "name_es", "name_ru", "name_ar", "name_zh",
               "sort"],
              [[*t, (i + 1) * 10] for i, t in enumerate(STAKEHOLDER_TYPES)])

    # ---- organisations.csv
    org_rows = []
    for (code, acr, en, fr, es, ru, ar, zh, hq, web, is_rc, ungis) in ORGANISATIONS:
        if hq not in seen:
            problems.append(f"org {code}: HQ {hq} not in countries")
        org_rows.append([code, acr, en, fr, es, ru, ar, zh, "international_organisation",
                         hq, web, is_rc, ungis])
    write_csv("organisations.csv",
              ["code", "acronym_en", "name_en", "name_fr", "name_es", "name_ru", "name_ar",
               "name_zh", "stakeholder_type", "country_iso3", "website",
               "is_regional_commission", "is_ungis_member"], org_rows)

    print(f"babel {babel.__version__}, pycountry, country_converter "
          f"{country_converter.__version__}")
    if problems:
        print("PROBLEMS:")
        for p in problems:
            print("  ", p)
        sys.exit(1)


if __name__ == "__main__":
    main()
