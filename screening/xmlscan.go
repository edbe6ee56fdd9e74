package screening

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// xmlReader walks an XML list one token at a time for the loaders' own
// recursive-descent readers, so that a list of any size passes through a
// bounded buffer. It reads raw tokens, which skips encoding/xml's namespace
// bookkeeping (the loaders match local names; the publishers use a default
// namespace), and it checks the nesting that raw tokens leave unchecked.
type xmlReader struct {
	d      *xml.Decoder
	format Format
	open   []string // local names of the open elements
	buf    []byte   // what text returned last
}

func newXMLReader(r io.Reader, f Format) *xmlReader {
	d := xml.NewDecoder(r)
	d.Strict = true
	return &xmlReader{d: d, format: f}
}

// line is the 1-based line the decoder has reached.
func (x *xmlReader) line() int {
	line, _ := x.d.InputPos()
	return line
}

// fail makes a ParseError at the current line.
func (x *xmlReader) fail(format string, args ...any) error {
	return &ParseError{Format: x.format, Line: x.line(), Reason: fmt.Sprintf(format, args...)}
}

// next returns the next start element, end element or character data, and
// io.EOF only at the end of the input.
func (x *xmlReader) next() (xml.Token, error) {
	for {
		tok, err := x.d.RawToken()
		if err != nil {
			if err == io.EOF {
				if len(x.open) > 0 {
					return nil, x.fail("file ends inside <%s>", x.open[len(x.open)-1])
				}
				return nil, io.EOF
			}
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &ParseError{Format: x.format, Line: se.Line, Reason: se.Msg}
			}
			return nil, asParseError(err, x.format, x.line())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			x.open = append(x.open, t.Name.Local)
			return t, nil
		case xml.EndElement:
			if len(x.open) == 0 || x.open[len(x.open)-1] != t.Name.Local {
				return nil, x.fail("unexpected </%s>", t.Name.Local)
			}
			x.open = x.open[:len(x.open)-1]
			return t, nil
		case xml.CharData:
			return t, nil
		}
	}
}

// root reads up to the document's root element and checks its name.
func (x *xmlReader) root(want string) (xml.StartElement, error) {
	for {
		tok, err := x.next()
		if err == io.EOF {
			return xml.StartElement{}, x.fail("no <%s> root element", want)
		}
		if err != nil {
			return xml.StartElement{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != want {
				return t, x.fail("root element is <%s>, not <%s>", t.Name.Local, want)
			}
			return t, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.StartElement{}, x.fail("text before the root element")
			}
		}
	}
}

// end checks that nothing but white space follows the root element.
func (x *xmlReader) end() error {
	for {
		tok, err := x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if cd, ok := tok.(xml.CharData); !ok || len(bytes.TrimSpace(cd)) > 0 {
			return x.fail("content after the root element")
		}
	}
}

// children calls fn for each child element of the element whose start was
// read last, until that element's end. fn must read its child to the end,
// with text, children or skip.
func (x *xmlReader) children(fn func(xml.StartElement) error) error {
	depth := len(x.open)
	for {
		tok, err := x.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
			if len(x.open) != depth {
				return x.fail("<%s> was not read to its end", t.Name.Local)
			}
		case xml.EndElement:
			return nil
		}
	}
}

// text returns the character data of the element whose start was read
// last, up to its end; the bytes are valid until the next call. Text in
// nested elements is not the element's own and is left out.
func (x *xmlReader) text() ([]byte, error) {
	x.buf = x.buf[:0]
	depth := len(x.open)
	for {
		tok, err := x.next()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if len(x.open) == depth {
				x.buf = append(x.buf, t...)
			}
		case xml.EndElement:
			if len(x.open) < depth {
				return x.buf, nil
			}
		}
	}
}

// skip reads the element whose start was read last to its end.
func (x *xmlReader) skip() error {
	depth := len(x.open)
	for len(x.open) >= depth {
		if _, err := x.next(); err != nil {
			return err
		}
	}
	return nil
}

// attr returns the value of the attribute with the local name.
func attr(s xml.StartElement, local string) string {
	for _, a := range s.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
