package screening

import (
	"unicode"
	"unicode/utf8"
)

// countryByName maps the country names that OFAC's sdn.xml, the UN list and
// OFAC's CountryValues write to ISO 3166-1 alpha-2 codes. Keys are lower
// case with single spaces. It covers the countries the lists name most; a
// name outside it is left out of an entry rather than guessed.
var countryByName = map[string]string{
	"afghanistan": "AF", "albania": "AL", "algeria": "DZ", "angola": "AO",
	"argentina": "AR", "armenia": "AM", "australia": "AU", "austria": "AT",
	"azerbaijan": "AZ", "bahrain": "BH", "bangladesh": "BD", "belarus": "BY",
	"belgium": "BE", "bolivia": "BO", "bosnia and herzegovina": "BA", "brazil": "BR",
	"bulgaria": "BG", "burkina faso": "BF", "burma": "MM", "myanmar": "MM",
	"burundi": "BI", "cambodia": "KH", "cameroon": "CM", "canada": "CA",
	"central african republic": "CF", "chad": "TD", "chile": "CL", "china": "CN",
	"colombia": "CO", "congo, democratic republic of the": "CD",
	"democratic republic of the congo": "CD", "congo": "CG", "costa rica": "CR",
	"croatia": "HR", "cuba": "CU", "cyprus": "CY", "czech republic": "CZ", "czechia": "CZ",
	"denmark": "DK", "djibouti": "DJ", "dominican republic": "DO", "ecuador": "EC",
	"egypt": "EG", "el salvador": "SV", "eritrea": "ER", "estonia": "EE",
	"ethiopia": "ET", "finland": "FI", "france": "FR", "gambia": "GM",
	"georgia": "GE", "germany": "DE", "ghana": "GH", "greece": "GR",
	"guatemala": "GT", "guinea": "GN", "guinea-bissau": "GW", "haiti": "HT",
	"honduras": "HN", "hong kong": "HK", "hungary": "HU", "india": "IN",
	"indonesia": "ID", "iran": "IR", "iran (islamic republic of)": "IR",
	"iran, islamic republic of": "IR", "iraq": "IQ", "ireland": "IE", "israel": "IL",
	"italy": "IT", "japan": "JP", "jordan": "JO", "kazakhstan": "KZ", "kenya": "KE",
	"korea, north": "KP", "north korea": "KP", "democratic people's republic of korea": "KP",
	"korea, democratic people's republic of": "KP", "korea, south": "KR",
	"south korea": "KR", "republic of korea": "KR", "kosovo": "XK", "kuwait": "KW",
	"kyrgyzstan": "KG", "laos": "LA", "lao people's democratic republic": "LA",
	"latvia": "LV", "lebanon": "LB", "liberia": "LR", "libya": "LY", "lithuania": "LT",
	"luxembourg": "LU", "malaysia": "MY", "maldives": "MV", "mali": "ML", "malta": "MT",
	"mauritania": "MR", "mexico": "MX", "moldova": "MD", "republic of moldova": "MD",
	"mongolia": "MN", "montenegro": "ME", "morocco": "MA", "mozambique": "MZ",
	"nepal": "NP", "netherlands": "NL", "new zealand": "NZ", "nicaragua": "NI",
	"niger": "NE", "nigeria": "NG", "north macedonia": "MK", "norway": "NO",
	"oman": "OM", "pakistan": "PK", "palestinian": "PS", "state of palestine": "PS",
	"panama": "PA", "paraguay": "PY", "peru": "PE", "philippines": "PH", "poland": "PL",
	"portugal": "PT", "qatar": "QA", "romania": "RO", "russia": "RU",
	"russian federation": "RU", "rwanda": "RW", "saudi arabia": "SA", "senegal": "SN",
	"serbia": "RS", "seychelles": "SC", "sierra leone": "SL", "singapore": "SG",
	"slovakia": "SK", "slovenia": "SI", "somalia": "SO", "south africa": "ZA",
	"south sudan": "SS", "spain": "ES", "sri lanka": "LK", "sudan": "SD",
	"sweden": "SE", "switzerland": "CH", "syria": "SY", "syrian arab republic": "SY",
	"taiwan": "TW", "tajikistan": "TJ", "tanzania": "TZ",
	"united republic of tanzania": "TZ", "thailand": "TH", "tunisia": "TN",
	"turkey": "TR", "türkiye": "TR", "turkiye": "TR", "turkmenistan": "TM",
	"uganda": "UG", "ukraine": "UA", "united arab emirates": "AE",
	"united kingdom": "GB", "united kingdom of great britain and northern ireland": "GB",
	"united states": "US", "united states of america": "US", "uruguay": "UY",
	"uzbekistan": "UZ", "venezuela": "VE", "venezuela (bolivarian republic of)": "VE",
	"vietnam": "VN", "viet nam": "VN", "yemen": "YE", "zimbabwe": "ZW",
}

// countryCode looks a country name up in countryByName, ignoring case and
// spacing.
func countryCode(name []byte) (string, bool) {
	var buf [64]byte
	key := buf[:0]
	space := false
	for len(name) > 0 {
		r, n := utf8.DecodeRune(name)
		name = name[n:]
		if unicode.IsSpace(r) {
			space = len(key) > 0
			continue
		}
		if space {
			key = append(key, ' ')
			space = false
		}
		key = utf8.AppendRune(key, unicode.ToLower(r))
	}
	code, ok := countryByName[string(key)]
	return code, ok
}
