"""UN M49 ("Standard country or area codes for statistical use", UNSD) structure.

Each line: ISO alpha-3 | lowest-level M49 region code (intermediate region where one
exists, otherwise sub-region; empty for Antarctica, which M49 places directly under
World) | UNSD English short name.

Transcribed from the UNSD M49 overview table (https://unstats.un.org/unsd/methodology/m49/overview/).
Omitted: Sark (M49 680) because it has no ISO 3166-1 alpha codes; Taiwan is not
listed separately in M49.  The numeric/alpha-2 codes are taken from pycountry
(ISO 3166-1 numeric == M49 code for every entry below) and cross-checked against
country_converter's UNcode/UNregion columns by build_countries.py.
"""

M49_TABLE = """
DZA|015|Algeria
EGY|015|Egypt
LBY|015|Libya
MAR|015|Morocco
SDN|015|Sudan
TUN|015|Tunisia
ESH|015|Western Sahara
IOT|014|British Indian Ocean Territory
BDI|014|Burundi
COM|014|Comoros
DJI|014|Djibouti
ERI|014|Eritrea
ETH|014|Ethiopia
ATF|014|French Southern Territories
KEN|014|Kenya
MDG|014|Madagascar
MWI|014|Malawi
MUS|014|Mauritius
MYT|014|Mayotte
MOZ|014|Mozambique
REU|014|Réunion
RWA|014|Rwanda
SYC|014|Seychelles
SOM|014|Somalia
SSD|014|South Sudan
UGA|014|Uganda
TZA|014|United Republic of Tanzania
ZMB|014|Zambia
ZWE|014|Zimbabwe
AGO|017|Angola
CMR|017|Cameroon
CAF|017|Central African Republic
TCD|017|Chad
COG|017|Congo
COD|017|Democratic Republic of the Congo
GNQ|017|Equatorial Guinea
GAB|017|Gabon
STP|017|Sao Tome and Principe
BWA|018|Botswana
SWZ|018|Eswatini
LSO|018|Lesotho
NAM|018|Namibia
ZAF|018|South Africa
BEN|011|Benin
BFA|011|Burkina Faso
CPV|011|Cabo Verde
CIV|011|Côte d'Ivoire
GMB|011|Gambia
GHA|011|Ghana
GIN|011|Guinea
GNB|011|Guinea-Bissau
LBR|011|Liberia
MLI|011|Mali
MRT|011|Mauritania
NER|011|Niger
NGA|011|Nigeria
SHN|011|Saint Helena
SEN|011|Senegal
SLE|011|Sierra Leone
TGO|011|Togo
AIA|029|Anguilla
ATG|029|Antigua and Barbuda
ABW|029|Aruba
BHS|029|Bahamas
BRB|029|Barbados
BES|029|Bonaire, Sint Eustatius and Saba
VGB|029|British Virgin Islands
CYM|029|Cayman Islands
CUB|029|Cuba
CUW|029|Curaçao
DMA|029|Dominica
DOM|029|Dominican Republic
GRD|029|Grenada
GLP|029|Guadeloupe
HTI|029|Haiti
JAM|029|Jamaica
MTQ|029|Martinique
MSR|029|Montserrat
PRI|029|Puerto Rico
BLM|029|Saint Barthélemy
KNA|029|Saint Kitts and Nevis
LCA|029|Saint Lucia
MAF|029|Saint Martin (French Part)
VCT|029|Saint Vincent and the Grenadines
SXM|029|Sint Maarten (Dutch part)
TTO|029|Trinidad and Tobago
TCA|029|Turks and Caicos Islands
VIR|029|United States Virgin Islands
BLZ|013|Belize
CRI|013|Costa Rica
SLV|013|El Salvador
GTM|013|Guatemala
HND|013|Honduras
MEX|013|Mexico
NIC|013|Nicaragua
PAN|013|Panama
ARG|005|Argentina
BOL|005|Bolivia (Plurinational State of)
BVT|005|Bouvet Island
BRA|005|Brazil
CHL|005|Chile
COL|005|Colombia
ECU|005|Ecuador
FLK|005|Falkland Islands (Malvinas)
GUF|005|French Guiana
GUY|005|Guyana
PRY|005|Paraguay
PER|005|Peru
SGS|005|South Georgia and the South Sandwich Islands
SUR|005|Suriname
URY|005|Uruguay
VEN|005|Venezuela (Bolivarian Republic of)
BMU|021|Bermuda
CAN|021|Canada
GRL|021|Greenland
SPM|021|Saint Pierre and Miquelon
USA|021|United States of America
ATA||Antarctica
KAZ|143|Kazakhstan
KGZ|143|Kyrgyzstan
TJK|143|Tajikistan
TKM|143|Turkmenistan
UZB|143|Uzbekistan
CHN|030|China
HKG|030|China, Hong Kong Special Administrative Region
MAC|030|China, Macao Special Administrative Region
PRK|030|Democratic People's Republic of Korea
JPN|030|Japan
MNG|030|Mongolia
KOR|030|Republic of Korea
BRN|035|Brunei Darussalam
KHM|035|Cambodia
IDN|035|Indonesia
LAO|035|Lao People's Democratic Republic
MYS|035|Malaysia
MMR|035|Myanmar
PHL|035|Philippines
SGP|035|Singapore
THA|035|Thailand
TLS|035|Timor-Leste
VNM|035|Viet Nam
AFG|034|Afghanistan
BGD|034|Bangladesh
BTN|034|Bhutan
IND|034|India
IRN|034|Iran (Islamic Republic of)
MDV|034|Maldives
NPL|034|Nepal
PAK|034|Pakistan
LKA|034|Sri Lanka
ARM|145|Armenia
AZE|145|Azerbaijan
BHR|145|Bahrain
CYP|145|Cyprus
GEO|145|Georgia
IRQ|145|Iraq
ISR|145|Israel
JOR|145|Jordan
KWT|145|Kuwait
LBN|145|Lebanon
OMN|145|Oman
QAT|145|Qatar
SAU|145|Saudi Arabia
PSE|145|State of Palestine
SYR|145|Syrian Arab Republic
TUR|145|Türkiye
ARE|145|United Arab Emirates
YEM|145|Yemen
BLR|151|Belarus
BGR|151|Bulgaria
CZE|151|Czechia
HUN|151|Hungary
POL|151|Poland
MDA|151|Republic of Moldova
ROU|151|Romania
RUS|151|Russian Federation
SVK|151|Slovakia
UKR|151|Ukraine
ALA|154|Åland Islands
DNK|154|Denmark
EST|154|Estonia
FRO|154|Faroe Islands
FIN|154|Finland
GGY|830|Guernsey
ISL|154|Iceland
IRL|154|Ireland
IMN|154|Isle of Man
JEY|830|Jersey
LVA|154|Latvia
LTU|154|Lithuania
NOR|154|Norway
SJM|154|Svalbard and Jan Mayen Islands
SWE|154|Sweden
GBR|154|United Kingdom of Great Britain and Northern Ireland
ALB|039|Albania
AND|039|Andorra
BIH|039|Bosnia and Herzegovina
HRV|039|Croatia
GIB|039|Gibraltar
GRC|039|Greece
VAT|039|Holy See
ITA|039|Italy
MLT|039|Malta
MNE|039|Montenegro
MKD|039|North Macedonia
PRT|039|Portugal
SMR|039|San Marino
SRB|039|Serbia
SVN|039|Slovenia
ESP|039|Spain
AUT|155|Austria
BEL|155|Belgium
FRA|155|France
DEU|155|Germany
LIE|155|Liechtenstein
LUX|155|Luxembourg
MCO|155|Monaco
NLD|155|Netherlands (Kingdom of the)
CHE|155|Switzerland
AUS|053|Australia
CXR|053|Christmas Island
CCK|053|Cocos (Keeling) Islands
HMD|053|Heard Island and McDonald Islands
NZL|053|New Zealand
NFK|053|Norfolk Island
FJI|054|Fiji
NCL|054|New Caledonia
PNG|054|Papua New Guinea
SLB|054|Solomon Islands
VUT|054|Vanuatu
GUM|057|Guam
KIR|057|Kiribati
MHL|057|Marshall Islands
FSM|057|Micronesia (Federated States of)
NRU|057|Nauru
MNP|057|Northern Mariana Islands
PLW|057|Palau
UMI|057|United States Minor Outlying Islands
ASM|061|American Samoa
COK|061|Cook Islands
PYF|061|French Polynesia
NIU|061|Niue
PCN|061|Pitcairn
WSM|061|Samoa
TKL|061|Tokelau
TON|061|Tonga
TUV|061|Tuvalu
WLF|061|Wallis and Futuna Islands
"""
