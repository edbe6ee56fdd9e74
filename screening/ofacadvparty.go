package screening

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"time"
)

// advNames gathers one Identity's names: its name parts come before the
// NamePartGroups that say what each part is, so they are held until the
// identity's end.
type advNames struct {
	docs   []advDoc
	parts  []advPart
	text   []byte            // the parts' values, back to back
	groups map[string]string // NamePartGroup ID → NamePartType ID
	order  []advPart
	buf    []byte
}

type advDoc struct{ primary, weak bool } // of the DocumentedName's Alias

type advPart struct {
	doc           int
	group, script string
	val           span
	rank          int
}

func (a *advReader) readIdentity(identity xml.StartElement) error {
	n := &a.name
	n.docs, n.parts, n.text = n.docs[:0], n.parts[:0], n.text[:0]
	if n.groups == nil {
		n.groups = map[string]string{}
	}
	clear(n.groups)
	err := a.x.children(func(el xml.StartElement) error {
		switch el.Name.Local {
		case "Alias":
			doc := advDoc{primary: attr(el, "Primary") == "true", weak: attr(el, "LowQuality") == "true"}
			return a.x.children(func(dn xml.StartElement) error {
				if dn.Name.Local != "DocumentedName" {
					return a.x.skip()
				}
				n.docs = append(n.docs, doc)
				return a.readDocumentedName(len(n.docs) - 1)
			})
		case "NamePartGroups":
			return a.x.children(func(xml.StartElement) error { // MasterNamePartGroup
				return a.x.children(func(g xml.StartElement) error {
					n.groups[attr(g, "ID")] = attr(g, "NamePartTypeID")
					return a.x.skip()
				})
			})
		}
		return a.x.skip()
	})
	if err == nil {
		a.addIdentityNames(attr(identity, "Primary") != "false")
	}
	return err
}

func (a *advReader) readDocumentedName(doc int) error {
	n := &a.name
	return a.x.children(func(dnp xml.StartElement) error {
		if dnp.Name.Local != "DocumentedNamePart" {
			return a.x.skip()
		}
		return a.x.children(func(v xml.StartElement) error {
			if v.Name.Local != "NamePartValue" {
				return a.x.skip()
			}
			b, err := a.x.text()
			if err != nil {
				return err
			}
			lo := len(n.text)
			n.text = append(n.text, b...)
			n.parts = append(n.parts, advPart{
				doc: doc, group: attr(v, "NamePartGroupID"), script: attr(v, "ScriptID"),
				val: span{lo, len(n.text)},
			})
			return nil
		})
	})
}

// addIdentityNames writes each documented name of the identity and adds it
// to the entry: the primary identity's primary Latin name as the primary
// name, the others (but weak ones) as aliases.
func (a *advReader) addIdentityNames(primaryIdentity bool) {
	n := &a.name
	primary := -1
	for d, doc := range n.docs {
		if doc.primary && (primary < 0 || !a.docScript(primary).latin && a.docScript(d).latin) {
			primary = d
		}
	}
	for d, doc := range n.docs {
		n.buf = a.writeDoc(n.buf[:0], d)
		switch {
		case d == primary && primaryIdentity:
			a.e.setPrimary(n.buf)
		case !doc.weak:
			a.e.addAlias(n.buf)
		}
	}
}

// docScript is the script of a documented name's first part.
func (a *advReader) docScript(d int) advScript {
	for _, p := range a.name.parts {
		if p.doc == d {
			return a.refs.scripts[p.script]
		}
	}
	return advScript{}
}

// writeDoc appends documented name d to dst, its parts in the order their
// types and script call for.
func (a *advReader) writeDoc(dst []byte, d int) []byte {
	n := &a.name
	n.order = n.order[:0]
	for _, p := range n.parts {
		if p.doc == d {
			p.rank = a.refs.nameParts[n.groups[p.group]]
			n.order = append(n.order, p)
		}
	}
	familyFirst := a.docScript(d).familyFirst
	rankedParts(n.order, familyFirst)
	for i, p := range n.order {
		if i > 0 && !familyFirst {
			dst = append(dst, ' ')
		}
		dst = append(dst, bytes.TrimSpace(n.text[p.val.lo:p.val.hi])...)
	}
	return dst
}

func (a *advReader) readFeature(f xml.StartElement) error {
	kind := a.refs.features[attr(f, "FeatureTypeID")]
	if kind == 0 {
		return a.x.skip()
	}
	return a.x.children(func(fv xml.StartElement) error {
		if fv.Name.Local != "FeatureVersion" {
			return a.x.skip()
		}
		return a.x.children(func(el xml.StartElement) error {
			switch {
			case el.Name.Local == "VersionDetail" && kind == advETH && a.refs.textDetail[attr(el, "DetailTypeID")]:
				b, err := a.x.text()
				if err == nil {
					a.e.addAddress(b)
				}
				return err
			case el.Name.Local == "DatePeriod" && kind == advBirth:
				return a.readDatePeriod()
			case el.Name.Local == "VersionLocation" && kind == advNationality:
				if code, ok := a.refs.locations[attr(el, "LocationID")]; ok {
					a.e.addNationality(code)
				}
			}
			return a.x.skip()
		})
	})
}

type advDate struct{ y, m, d int }

// readDatePeriod reads a DatePeriod's Start and End, each a From and a To,
// and adds the birth date they bound: one day, one month, one year or a few
// years. A period that is none of those is too vague to screen on.
func (a *advReader) readDatePeriod() error {
	var ends [2][2]advDate // Start, End × From, To
	err := a.x.children(func(se xml.StartElement) error {
		i := 0
		switch se.Name.Local {
		case "Start":
		case "End":
			i = 1
		default:
			return a.x.skip()
		}
		return a.x.children(func(ft xml.StartElement) error {
			j := 0
			if ft.Name.Local == "To" {
				j = 1
			}
			return a.readDate(&ends[i][j])
		})
	})
	if err != nil {
		return err
	}
	from, to := ends[0][0], ends[1][1]
	if to == (advDate{}) {
		to = ends[0][1]
	}
	switch {
	case to == (advDate{}) || from == to:
		a.e.addBirthDate(from.y, from.m, from.d)
	case from.m == 1 && from.d == 1 && to.m == 12 && to.d == 31:
		a.e.addBirthYears(from.y, to.y)
	case from.y == to.y && from.m == to.m && from.d == 1 && to.d == lastDay(to.y, to.m):
		a.e.addBirthDate(from.y, from.m, 0)
	}
	return nil
}

func (a *advReader) readDate(d *advDate) error {
	return a.x.children(func(el xml.StartElement) error {
		b, err := a.x.text()
		if err != nil {
			return err
		}
		v, _ := strconv.Atoi(string(bytes.TrimSpace(b)))
		switch el.Name.Local {
		case "Year":
			d.y = v
		case "Month":
			d.m = v
		case "Day":
			d.d = v
		}
		return nil
	})
}

func lastDay(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
