package issuer_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/identity"
	"github.com/idconnect/idconnect/issuer"
)

func TestCheckBundle(t *testing.T) {
	kyc := identity.DefaultCatalogue()[1]
	big := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), issuer.MaxDocumentBytes)...)
	png := []byte("\x89PNG\r\n\x1a\n0000")
	for name, tc := range map[string]struct {
		edit func(b *issuer.Bundle)
		want string // "" for accepted
	}{
		"complete":             {func(b *issuer.Bundle) {}, ""},
		"missing name":         {func(b *issuer.Bundle) { delete(b.Fields, "full_name") }, "fields.full_name is required"},
		"blank name":           {func(b *issuer.Bundle) { b.Fields["full_name"] = "  " }, "fields.full_name is required"},
		"unknown field":        {func(b *issuer.Bundle) { b.Fields["ssn"] = "1" }, `fields."ssn" is not asked for`},
		"bad date":             {func(b *issuer.Bundle) { b.Fields["date_of_birth"] = "10/12/1815" }, "fields.date_of_birth is not a date"},
		"bad country":          {func(b *issuer.Bundle) { b.Fields["nationality"] = "gb" }, "fields.nationality is not an ISO 3166-1"},
		"control characters":   {func(b *issuer.Bundle) { b.Fields["full_name"] = "Ada\x00" }, "holds control characters"},
		"long field":           {func(b *issuer.Bundle) { b.Fields["full_name"] = strings.Repeat("a", 201) }, "longer than 200"},
		"missing document":     {func(b *issuer.Bundle) { b.Documents = b.Documents[:1] }, "documents: proof_of_address is required"},
		"unknown document":     {func(b *issuer.Bundle) { b.Documents[0].Name = "selfie" }, `documents[0].name "selfie" is not a document`},
		"twice":                {func(b *issuer.Bundle) { b.Documents[1].Name = "id_document" }, "is given twice"},
		"type not accepted":    {func(b *issuer.Bundle) { b.Documents[0].ContentType = "text/html" }, `documents[0].contentType "text/html" is not accepted`},
		"bytes disagree":       {func(b *issuer.Bundle) { b.Documents[0].ContentType = "image/png" }, "is not image/png"},
		"png accepted":         {func(b *issuer.Bundle) { b.Documents[0].ContentType, b.Documents[0].Data = "image/png", png }, ""},
		"empty document":       {func(b *issuer.Bundle) { b.Documents[0].Data = nil }, "is empty"},
		"document over 10 MiB": {func(b *issuer.Bundle) { b.Documents[0].Data = big }, "over the limit of 10485760 (10 MiB)"},
	} {
		t.Run(name, func(t *testing.T) {
			b := kycBundle()
			tc.edit(&b)
			err := issuer.CheckBundle(kyc, b)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want != "" && (!errors.Is(err, issuer.ErrApplication) || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestCheckBundleTotal(t *testing.T) {
	three := identity.ClaimTopic{Number: 9, Name: "Three files"}
	b := issuer.Bundle{}
	nine := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 9<<20)...)
	for _, n := range []string{"a", "b", "c"} {
		three.Documents = append(three.Documents, identity.TopicDocument{Name: n, ContentTypes: []string{"application/pdf"}})
		b.Documents = append(b.Documents, issuer.Document{Name: n, ContentType: "application/pdf", Data: nine})
	}
	if err := issuer.CheckBundle(three, b); !errors.Is(err, issuer.ErrApplication) || !strings.Contains(err.Error(), "over the limit of 26214400 (25 MiB)") {
		t.Fatalf("27 MiB in three documents: %v", err)
	}
	b.Documents = b.Documents[:2]
	if err := issuer.CheckBundle(three, b); err != nil {
		t.Fatal(err)
	}
}

// FuzzCheckBundle: any bundle is either accepted or refused with
// ErrApplication; an accepted one fits the limits and the topic's form.
func FuzzCheckBundle(f *testing.F) {
	f.Add("Ada Lovelace", "1815-12-10", "GB", "application/pdf", []byte("%PDF-1.7\n"), "extra")
	f.Add("", "10/12/1815", "gb", "text/html", []byte("<html>"), "")
	kyc := identity.DefaultCatalogue()[1]
	f.Fuzz(func(t *testing.T, name, dob, nat, ct string, data []byte, extra string) {
		b := issuer.Bundle{Fields: map[string]string{"full_name": name, "date_of_birth": dob, "nationality": nat},
			Documents: []issuer.Document{{Name: "id_document", ContentType: ct, Data: data}, {Name: "proof_of_address", ContentType: ct, Data: data}}}
		if extra != "" {
			b.Fields[extra] = "x"
		}
		err := issuer.CheckBundle(kyc, b)
		if err != nil && !errors.Is(err, issuer.ErrApplication) {
			t.Fatalf("%v", err)
		}
		if err == nil && (name == "" || len(data) == 0 || len(data) > issuer.MaxDocumentBytes || len(nat) != 2) {
			t.Fatalf("accepted %+v", b)
		}
	})
}
