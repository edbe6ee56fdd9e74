package screening

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeName(t *testing.T) {
	for _, c := range []struct {
		kind, in string
		want     []string
	}{
		{"ascii", "John  SMITH", []string{"john", "smith"}},
		{"order kept", "Smith, John", []string{"smith", "john"}},
		{"diacritics", "José Müller-Lüdenscheidt", []string{"jose", "muller", "ludenscheidt"}},
		{"vietnamese", "Nguyễn Văn Thiệu", []string{"nguyen", "van", "thieu"}},
		{"special letters", "Søren Łukasz Straße Æsa Þór Đorđe İlham Əliyev", []string{"soren", "lukasz", "strasse", "aesa", "thor", "dorde", "ilham", "aliyev"}},
		{"apostrophes", "O'Brien D’Arcy Mu'ammar", []string{"obrien", "darcy", "muammar"}},
		{"punctuation", "Jean-Pierre (J.P.) Bemba/Gombo", []string{"jean", "pierre", "j", "p", "bemba", "gombo"}},
		{"courtesy titles", "Dr. Mr John Smith", []string{"john", "smith"}},
		{"only a title", "Dr.", []string{"dr"}},
		{"full width", "ＡＢＣ　Ｄｅｆ", []string{"abc", "def"}},
		{"russian", "Владимир Владимирович Путин", []string{"vladimir", "vladimirovich", "putin"}},
		{"russian letters", "Щёголев Хабаров Цой Чайковский Ёлкин", []string{"shchegolev", "khabarov", "tsoy", "chaykovskiy", "elkin"}},
		{"ukrainian", "Володимир Зеленський, Юлія", []string{"volodymyr", "zelenskyy", "yuliya"}},
		{"ukrainian h", "Григорій", []string{"hryhoriy"}},
		{"belarusian", "Аляксандр Лукашэнка Ўладзімір", []string{"alyaksandr", "lukashenka", "uladzimir"}},
		{"serbian", "Ђорђе Балашевић Љиљана Његош", []string{"dorde", "balashevic", "ljiljana", "njegosh"}},
		{"greek", "Γεώργιος Παπαδόπουλος", []string{"georgios", "papadopoulos"}},
		{"greek digraphs", "Ευάγγελος Αυγερινός Πάγκαλος", []string{"evangelos", "avgerinos", "pangalos"}},
		{"greek voiceless", "Ευτυχία Μπακογιάννη Ντόρα", []string{"eftychia", "bakogianni", "dora"}},
		{"greek dialytika", "Χρυσοχοΐδης Ταΰγετος", []string{"chrysochoidis", "taygetos"}},
		{"arabic", "محمد علي", []string{"mhmd", "ali"}},
		{"arabic long vowels", "يوسف محمود نوري", []string{"yusf", "mhmud", "nuri"}},
		{"arabic article", "أبو بكر البغدادي", []string{"abu", "bkr", "al", "bghdadi"}},
		{"arabic allah", "عبد الله", []string{"abd", "allah"}},
		{"arabic vocalised", "مُحَمَّد", []string{"muhammad"}},
		{"arabic presentation forms", "ﻣﺤﻤﺪ", []string{"mhmd"}},
		{"persian", "پرویز چمران", []string{"prwiz", "chmran"}},
		{"arabic digits", "شركة ١٢٣", []string{"shrka", "123"}},
		{"han kept", "习近平", []string{"习近平"}},
		{"hangul kept", "김 정은", []string{"김", "정은"}},
		{"empty", " ,-. ", nil},
	} {
		got := NormalizeName(c.in)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: NormalizeName(%q) = %q, want %q", c.kind, c.in, got, c.want)
		}
		if again := NormalizeName(strings.Join(got, " ")); !slices.Equal(again, got) {
			t.Errorf("%s: not idempotent: %q then %q", c.kind, got, again)
		}
	}
}

func TestPhoneticKey(t *testing.T) {
	for _, group := range [][]string{
		{"mohammed", "muhammad", "mohamad", "mhmd", "mohamed"},
		{"aleksandr", "alexander", "alyaksandr"},
		{"yusuf", "yousef", "jusuf", "yusf"},
		{"tchaikovsky", "chaikovskiy", "chaykovskiy"},
		{"yevgeny", "evgeniy", "evgenii"},
		{"iouri", "yuri", "yury", "juri"},
		{"gennady", "guennadi"},
		{"timchenko", "timtchenko"},
		{"qasem", "ghassem", "kasem"},
		{"abdullah", "abdulla", "abdallah"},
		{"jawlani", "julani"},
		{"belaventsev", "belavencev"},
		{"petrov", "petroff"},
		{"vladimir", "wladimir"},
		{"yahya", "yhya"},
	} {
		want := phoneticKey(group[0])
		for _, s := range group[1:] {
			if got := phoneticKey(s); got != want {
				t.Errorf("phoneticKey(%q) = %q, want %q as for %q", s, got, want, group[0])
			}
		}
	}
	for _, pair := range [][2]string{
		{"hassan", "hussain"}, // equal keys: only the name table tells them apart
	} {
		if phoneticKey(pair[0]) != phoneticKey(pair[1]) {
			t.Errorf("%q and %q should share a key", pair[0], pair[1])
		}
	}
	for _, pair := range [][2]string{
		{"putin", "potanin"}, {"stein", "stern"}, {"baker", "barker"}, {"ivan", "yvan"},
	} {
		if phoneticKey(pair[0]) == phoneticKey(pair[1]) {
			t.Errorf("%q and %q share key %q", pair[0], pair[1], phoneticKey(pair[0]))
		}
	}
	for in, want := range map[string]string{
		"mohammed": "mhmd", "aleksandr": "Alksndr", "yusuf": "Jsf", "tchaikovsky": "Ckfsk",
		"yevgeny": "Afgn", "schmidt": "Smdt", "x": "ks", "a": "A", "习近平": "习近平", "r2d2": "r2d2",
	} {
		if got := phoneticKey(in); got != want {
			t.Errorf("phoneticKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJaroWinkler(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"martha", "marhta", 0.961},
		{"dwayne", "duane", 0.84},
		{"dixon", "dicksonx", 0.813},
		{"same", "same", 1},
		{"abc", "xyz", 0},
		{"", "abc", 0},
	} {
		got := jaroWinkler(c.a, c.b)
		if math.Abs(got-c.want) > 0.0005 {
			t.Errorf("jaroWinkler(%q, %q) = %.4f, want %.3f", c.a, c.b, got, c.want)
		}
		if back := jaroWinkler(c.b, c.a); math.Abs(back-got) > 1e-12 {
			t.Errorf("jaroWinkler(%q, %q) = %.4f one way, %.4f the other", c.a, c.b, got, back)
		}
	}
	long := strings.Repeat("abcdefghij", 10)
	if got := jaroWinkler(long, long[:99]+"x"); got < 0.99 || got > 1 {
		t.Errorf("jaroWinkler of 100-letter tokens one letter apart = %.4f", got)
	}
}

func TestParseBirth(t *testing.T) {
	for in, want := range map[string]birth{
		"1985": {y: 1985, prec: 1}, "1985-04": {y: 1985, m: 4, prec: 2},
		"1985-04-07": {y: 1985, m: 4, d: 7, prec: 3}, " 1985-4-7 ": {y: 1985, m: 4, d: 7, prec: 3},
	} {
		if got, ok := parseBirth(in); !ok || got != want {
			t.Errorf("parseBirth(%q) = %+v, %v; want %+v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "85", "198-04", "19851", "1985-", "-1985", "1985-13", "1985-04-32",
		"1985-004", "1985-04-07-01", "1985/04/07", "abcd", "1985-00"} {
		if got, ok := parseBirth(in); ok {
			t.Errorf("parseBirth(%q) = %+v, want no date", in, got)
		}
	}
}
