package synth

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/idconnect/idconnect/screening"
)

// Write writes entries 0..n-1 as a list of format f, one entry at a time.
// It writes OFAC's sdn.xml and FollowTheMoney JSON lines.
func Write(w io.Writer, f screening.Format, n int) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	var err error
	switch f {
	case screening.FormatOFACSDN:
		err = writeSDN(bw, n)
	case screening.FormatFtM:
		err = writeFtM(bw, n)
	default:
		return fmt.Errorf("synth: cannot write format %q", f)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

const sdnHeader = `<?xml version="1.0" standalone="yes"?>
<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation>
    <Publish_Date>01/02/2025</Publish_Date>
    <Record_Count>%d</Record_Count>
  </publshInformation>
`

var months = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func writeSDN(w *bufio.Writer, n int) error {
	fmt.Fprintf(w, sdnHeader, n)
	for i := range n {
		rec := newRecord(i)
		sdnType := "Entity"
		if rec.person {
			sdnType = "Individual"
		}
		w.WriteString("  <sdnEntry>\n")
		leaf(w, 4, "uid", rec.id)
		if rec.names[0].first != "" {
			leaf(w, 4, "firstName", rec.names[0].first)
		}
		leaf(w, 4, "lastName", rec.names[0].last)
		leaf(w, 4, "sdnType", sdnType)
		w.WriteString("    <programList>\n")
		for _, p := range rec.programs {
			leaf(w, 6, "program", p)
		}
		w.WriteString("    </programList>\n")
		writeSDNLists(w, i, rec)
		if _, err := w.WriteString("  </sdnEntry>\n"); err != nil {
			return err
		}
	}
	_, err := w.WriteString("</sdnList>\n")
	return err
}

// writeSDNLists writes an entry's ids, akas, date of birth and nationality.
func writeSDNLists(w *bufio.Writer, i int, rec record) {
	uid := func(k int) string { return strconv.Itoa(i*16 + k + 1) }
	if len(rec.addrs) > 0 {
		w.WriteString("    <idList>\n")
		for k, a := range rec.addrs {
			w.WriteString("      <id>\n")
			leaf(w, 8, "uid", uid(k))
			leaf(w, 8, "idType", "Digital Currency Address - ETH")
			leaf(w, 8, "idNumber", a.Hex())
			w.WriteString("      </id>\n")
		}
		w.WriteString("    </idList>\n")
	}
	w.WriteString("    <akaList>\n")
	for k, name := range rec.names[1:] {
		w.WriteString("      <aka>\n")
		leaf(w, 8, "uid", uid(4+k))
		leaf(w, 8, "type", "a.k.a.")
		leaf(w, 8, "category", "strong")
		leaf(w, 8, "lastName", name.last)
		if name.first != "" {
			leaf(w, 8, "firstName", name.first)
		}
		w.WriteString("      </aka>\n")
	}
	w.WriteString("    </akaList>\n")
	if b := rec.birth; b.y != 0 {
		date := strconv.Itoa(b.y)
		if b.m != 0 {
			date = fmt.Sprintf("%02d %s %d", b.d, months[b.m-1], b.y)
		}
		w.WriteString("    <dateOfBirthList>\n      <dateOfBirthItem>\n")
		leaf(w, 8, "uid", uid(8))
		leaf(w, 8, "dateOfBirth", date)
		leaf(w, 8, "mainEntry", "true")
		w.WriteString("      </dateOfBirthItem>\n    </dateOfBirthList>\n")
	}
	if rec.country.code != "" {
		w.WriteString("    <nationalityList>\n      <nationality>\n")
		leaf(w, 8, "uid", uid(9))
		leaf(w, 8, "country", rec.country.name)
		leaf(w, 8, "mainEntry", "true")
		w.WriteString("      </nationality>\n    </nationalityList>\n")
	}
}

func leaf(w *bufio.Writer, indent int, name, text string) {
	w.WriteString(strings.Repeat(" ", indent))
	w.WriteString("<" + name + ">")
	xml.EscapeText(w, []byte(text))
	w.WriteString("</" + name + ">\n")
}

// ftmLine is one FollowTheMoney entity, as OpenSanctions exports it.
type ftmLine struct {
	ID         string        `json:"id"`
	Caption    string        `json:"caption"`
	Schema     string        `json:"schema"`
	Properties ftmProperties `json:"properties"`
	Datasets   []string      `json:"datasets"`
	Target     bool          `json:"target"`
}

type ftmProperties struct {
	Name        []string `json:"name,omitempty"`
	Alias       []string `json:"alias,omitempty"`
	BirthDate   []string `json:"birthDate,omitempty"`
	Nationality []string `json:"nationality,omitempty"`
	Topics      []string `json:"topics,omitempty"`
	PublicKey   []string `json:"publicKey,omitempty"`
	Currency    []string `json:"currency,omitempty"`
	Holder      []string `json:"holder,omitempty"`
}

// writeFtM writes each entry and, for one with addresses, a CryptoWallet per
// address: after its holder for even entries and before it for odd ones, as
// a real export orders them either way. FollowTheMoney has no programme on a
// person or a company, so the programmes are not written.
func writeFtM(w *bufio.Writer, n int) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range n {
		rec := newRecord(i)
		e := rec.entity()
		line := ftmLine{ID: e.ID, Caption: e.Names[0], Schema: "Organization", Datasets: []string{"synthetic"}, Target: true}
		if rec.person {
			line.Schema = "Person"
		}
		line.Properties = ftmProperties{
			Name:      e.Names[:1],
			Alias:     e.Names[1:],
			BirthDate: e.BirthDates,
			Topics:    e.Topics,
		}
		for _, c := range e.Nationalities {
			line.Properties.Nationality = append(line.Properties.Nationality, strings.ToLower(c))
		}
		var wallets []ftmLine
		for k, a := range e.Addresses {
			wallets = append(wallets, ftmLine{
				ID: e.ID + "-wallet-" + strconv.Itoa(k), Caption: a.Hex(), Schema: "CryptoWallet",
				Datasets: line.Datasets,
				Properties: ftmProperties{
					PublicKey: []string{a.Hex()}, Currency: []string{"ETH"},
					Holder: []string{e.ID}, Topics: e.Topics,
				},
			})
		}
		lines := append([]ftmLine{line}, wallets...)
		if i%2 == 1 {
			lines = append(wallets, line)
		}
		for _, l := range lines {
			if err := enc.Encode(l); err != nil {
				return err
			}
		}
	}
	return nil
}
