package screening

import (
	"strings"
	"sync"
)

// givenNameGroups lists given names, one group of equivalent spellings,
// transliterations and short forms per line, in any script (a line's
// names are normalised like any name, so an Arabic spelling becomes the
// vowelless form the Arabic transliteration gives).
//
// The table does two things. Two names of one group pair as variants
// (Bob ~ Robert, Sasha ~ Aleksandr, محمد ~ Mohammed). Two known names of no
// common group are different names: Maria and Mario, Daniel and Danielle,
// Hassan and Hussein are one or two letters apart yet name different
// people, whereas a misspelling such as Jonh is no name at all. A name may
// sit in several groups (Sasha is short for Aleksandr and Aleksandra).
const givenNameGroups = `
alexander aleksandr alexandr aleksander alexandre alessandro alejandro aleksandar oleksandr alyaksandr alexandros sasha sacha sanya shura alex sandro iskander iskandar
alexandra aleksandra alessandra alejandra oleksandra sasha sacha alex
alexei alexey aleksei aleksey alexej oleksiy oleksii aleksiy alyosha lyosha alex алексей
mikhail michael mikhael michel miguel michele mihail mihai mykhailo mikhailo mikael michal misha mike mick mischa
michaela mikaela michela
james jim jimmy jamie jaime
john jon johnny jack johann johannes johan
joan
ivan vanya
ivana
ivo
robert bob bobby rob robbie roberto
roberta
william bill billy will willy liam wilhelm guillaume guillermo willem
richard dick rick ricky ricardo riccardo
edward ted teddy eddie eduard eduardo edvard
anthony tony antony antonio anton antoine
antonia antonina tonya
charles chuck charlie
geoffrey jeffrey geoff jeff
katherine catherine kathryn katharine katharina catharine caterina katerina ekaterina yekaterina kateryna kate katie kathy katya katia cathy
margaret peggy maggie meg margarita margarete marguerite
elizabeth elisabeth liz lizzie beth betty eliza elisabetta elizaveta yelizaveta liza
dmitry dmitri dmitriy dmitrii dimitri dimitry dmytro dzmitry dima mitya dimitrios dimitris
dimitra
vladimir volodymyr wladimir uladzimir volodya vova wlodzimierz
yevgeny evgeny evgeni evgenii evgeniy yevgeniy yevgeni eugene eugen evgenij zhenya
yevgenia evgenia evgeniya yevgeniya eugenia zhenya
anatoly anatoliy anatolii anatoli tolya
nikolai nikolay mykola nicolas nicholas nikola nicola nikolaus kolya nick nikos nikolaos
nikolina
natalia natalya nataliya natalie nathalie natasha natali
tatiana tatyana tetiana tetyana tatjana tanya tania
anna anya anja
konstantin konstantinos constantin constantine kostya kostas kostiantyn
konstantina
sergei sergey serguei sergiy serhii serhiy sergej sergiu serge seryozha
andrei andrey andriy andrii andrew andreas andre andrzej andrej andy
andreea
andrea
pavel paul pablo paolo pavlo pawel pavlos pasha
paula pavla paola
peter petr pyotr piotr pierre pedro pietro petro petros pete petar
petra
georgios giorgos yiorgos george georgy georgiy georgi heorhiy jorge giorgio georg
georgia georgina
ioannis giannis yiannis yannis
yuri yury yuriy iouri jurij juri yurii
yulia yuliya julia iuliia yuliia julija
julian julien yulian
juliana
oleg
olga olha
olesya olesia
igor ihor
yegor egor
irina iryna irena ira
elena yelena jelena olena lena alena
lina
yana jana iana
denis denys dennis
ilya ilia illia ilja
maria mariya mariia marija masha
marie
mario
marina
marta martha
marko marco
mark marc
daniel danil daniil danylo danny daniele
danielle daniela daniella
stefan stephen steven stefano stephan stepan stephane esteban steve
stefania stephanie stefanie
simon semyon simeon
simone
emil emile emilio
emilia emily
luis louis luiz lewis
luisa louisa louise
francisco francis frank paco pancho francesco franz francois
francisca francesca
jose pepe
carlo carlos
karl carl
carla karla
gabriel gavriil gabriele
gabriela gabriella
rafael raphael rafail
rafaela raphaela
victor viktor vitya
victoria viktoria vika
eric erik
erica erika
jean
jeanne
bernard bernardo
bernadette
frederic frederick fredrik federico friedrich fred
frederique
adam
adan
dina
dana
boris
borislav
vladislav vlad
vyacheslav slava
stanislav stanislaw stas stanislas
stanislava
yaroslav jaroslav jaroslaw
gennady gennadiy gennadi guennadi hennadiy gena
arkady arkadiy arkadi arkadii
valentin
valentina
roman
leonid
grigory grigoriy gregory grigori hryhoriy grisha
kirill cyril kyrylo
maxim maksim maksym max
fyodor fedor feodor
vasily vasiliy vasili vasyl vasilii vasya
yakov yaakov jakub yakub yaqub yacoub
timur temur
ruslan
svetlana sveta
lyudmila ludmila liudmyla lyuda
galina halyna galya
oksana
darya daria dasha
larisa larissa
valeria valeriya
valery valeriy valeri
sofia sophia sofiya sonya
ksenia kseniya xenia
nadezhda nadia nadya
vitaly vitaliy vitali vitalii
artem artyom
herman german hermann
muhammad mohammed mohammad mohamed muhammed mohamad muhamad mohamud mohammod mukhammad mukhamed muhamed mehmet mehmed magomed mohd muhammet محمد
mahmoud mahmud mehmood mahmood makhmud محمود
ahmed ahmad akhmed ahmet achmed أحمد
hamed hamid hameed حامد
hamad حمد
hamza hamzah حمزة
hassan hasan hassen حسن
hussein husain hussain husayn hosein hossein huseyin husein hussien حسين
hosni husni حسني
ali aly علي
alia aliya aaliyah عالية
omar umar omer عمر
amr amru عمرو
amir ameer emir أمير
amin ameen amine أمين
amina aminah ameena أمينة
karim kareem kerim كريم
karima kareema كريمة
said saeed saeid saied سعيد
saad سعد
sayyid sayed sayyed seyed seyyed sayid سيد
khalid khaled خالد
khalil khaleel خليل
yusuf yousef yusef youssef yousuf yousif yosef jusuf yussuf يوسف
ibrahim ebrahim ibragim إبراهيم
ismail ismael ismoil esmail ismayil إسماعيل
isa issa eesa عيسى
musa moussa mousa moosa موسى
abdullah abdallah abdulla abdellah abdalla عبدالله
mustafa mostafa moustafa mustapha مصطفى
yahya yahia yehia يحيى
sulaiman suleiman suleyman sulayman soliman sulejman سليمان
salman سلمان
salem سالم
salim saleem سليم
saleh salih صالح
salah صلاح
samir sameer سمير
samira sameera سميرة
nasser nasir naser ناصر
fatima fatimah fatma fatemeh فاطمة
aisha ayesha aysha aicha عائشة
zainab zaynab zeinab زينب
maryam mariam مريم
layla leila laila leyla ليلى
osama usama ousama أسامة
qasem qasim kasim ghasem ghassem qassem kassem قاسم
jamal gamal djamel jamel جمال
tariq tarek tareq tarik طارق
walid waleed وليد
faisal faysal feisal فيصل
reza riza رضا
mahdi mehdi مهدي
majid majeed مجيد
rashid rasheed راشد
nabil nabeel نبيل
yasser yasir yaser ياسر
yasin yassin yaseen yassine ياسين
ayman aiman أيمن
ziad ziyad زياد
zaid zayd zeid زيد
murad murat morad مراد
kamal kemal كمال
jassim jasim jassem جاسم
wei
wen
hui
fang
feng
jun
jie
jing
ying
min
ming
lan
lam
`

// particles are the small words of names (al-, bin, van, de …) and of
// organisation names (of, the): they carry little weight, so a name that
// drops them or writes them differently loses little.
var particles = map[string]bool{
	"al": true, "el": true, "ul": true, "bin": true, "ibn": true, "bn": true,
	"ben": true, "bint": true, "bnt": true, "abu": true, "abou": true,
	"van": true, "von": true, "der": true, "den": true, "de": true, "di": true,
	"da": true, "du": true, "del": true, "della": true, "dos": true, "das": true,
	"la": true, "le": true, "y": true, "of": true, "and": true, "the": true, "for": true,
}

// legalForms are the company forms organisation names end or start with:
// lists write them in full, abbreviated, in another language or not at
// all, so they weigh as particles.
var legalForms = map[string]bool{
	"ltd": true, "limited": true, "llc": true, "inc": true, "incorporated": true,
	"corp": true, "corporation": true, "co": true, "company": true, "plc": true,
	"gmbh": true, "ag": true, "sa": true, "sas": true, "sarl": true, "srl": true,
	"spa": true, "bv": true, "nv": true, "oy": true, "ab": true, "as": true,
	"asa": true, "jsc": true, "pjsc": true, "ojsc": true, "cjsc": true, "oao": true,
	"zao": true, "ooo": true, "pao": true, "ao": true, "llp": true, "lp": true,
	"ou": true, "kft": true, "zrt": true, "sro": true, "doo": true, "fze": true,
	"fzco": true, "fzc": true, "fzllc": true,
}

// nameTable is givenNameGroups read: each known name's groups, and how
// many groups there are.
type nameTable struct {
	groups map[string][]uint16
	count  int
}

// knownNames is the table, read once and never written after.
var knownNames = sync.OnceValue(func() nameTable {
	t := nameTable{groups: map[string][]uint16{}}
	lines := strings.Split(strings.TrimSpace(givenNameGroups), "\n")
	t.count = len(lines)
	for i, line := range lines {
		for _, field := range strings.Fields(line) {
			for _, tok := range NormalizeName(field) {
				if g := t.groups[tok]; len(g) == 0 || g[len(g)-1] != uint16(i) {
					t.groups[tok] = append(g, uint16(i))
				}
			}
		}
	}
	return t
})

// shareGroup reports whether two group lists (each ascending) meet.
func shareGroup(a, b []uint16) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}
