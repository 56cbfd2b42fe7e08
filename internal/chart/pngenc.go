package chart

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"math/bits"
)

// encodePNG writes an opaque img as an 8-bit RGB PNG (colour type 2,
// filter type None on every row). It is a purpose-built encoder for the
// share images, which are flat colours with anti-aliased edges: about ten
// times faster than image/png (which filters every row adaptively and
// runs a general compressor), for files somewhat larger.
//
// The zlib stream is one deflate block with the fixed Huffman codes, and
// only two kinds of match: "the same as the pixel to the left" (distance
// 3) and "the same as the pixels above" (distance one row). A row equal to
// the one above costs a few bytes; a run of one colour costs a few bits per
// 86 pixels; anything else is written as literal bytes. Alpha is dropped:
// the images are opaque. The bytes depend only on the pixels.
func encodePNG(img *image.RGBA) ([]byte, error) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	rowLen := 1 + 3*w // the filter byte, then RGB
	if w == 0 || h == 0 || rowLen > maxDistance {
		var b bytes.Buffer
		err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img)
		return b.Bytes(), err
	}
	var out bytes.Buffer
	out.Grow(128 << 10)
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8] = 8 // bits per sample
	ihdr[9] = 2 // truecolour
	// compression method 0, filter method 0, no interlace
	writeChunk(&out, "IHDR", ihdr[:])

	bw := bitWriter{out: make([]byte, 0, 128<<10)}
	bw.out = append(bw.out, 0x78, 0x01) // zlib: deflate, 32K window, fastest
	bw.write(1, 1)                      // BFINAL: the only block
	bw.write(1, 2)                      // BTYPE 01: fixed Huffman codes

	var sum, rowSum uint32 = 1, 1
	var prev []byte // the row above, RGBA
	// Pixels are compared as 32-bit words: red, green, blue and alpha. Two
	// pixels that differ only in alpha (never, in an opaque image) count as
	// different, which only costs a little compression.
	px := func(row []byte, x int) uint32 { return binary.LittleEndian.Uint32(row[4*x:]) }
	for y := 0; y < h; y++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y+y):][:4*w]
		if prev != nil && bytes.Equal(row, prev) {
			bw.match(rowLen, rowLen) // the filter byte and every pixel, from the row above
			sum = adler32Combine(sum, rowSum, rowLen)
			continue
		}
		bw.literal(0) // filter type None
		for x := 0; x < w; {
			left, above := 0, 0
			if x > 0 {
				for c := px(row, x-1); x+left < w && px(row, x+left) == c; left++ {
				}
			}
			if prev != nil && x+left < w {
				for ; x+above < w && px(row, x+above) == px(prev, x+above); above++ {
				}
			}
			switch {
			case above > left:
				bw.match(3*above, rowLen)
				x += above
			case left > 0:
				bw.match(3*left, 3)
				x += left
			default:
				bw.literal(row[4*x])
				bw.literal(row[4*x+1])
				bw.literal(row[4*x+2])
				x++
			}
		}
		rowSum = adlerRow(row)
		sum = adler32Combine(sum, rowSum, rowLen)
		prev = row
	}
	bw.code(fixedLit[256]) // end of block
	bw.flush()
	bw.out = binary.BigEndian.AppendUint32(bw.out, sum)
	writeChunk(&out, "IDAT", bw.out)
	writeChunk(&out, "IEND", nil)
	return out.Bytes(), nil
}

// adlerRow is the Adler-32 checksum of a row as the PNG holds it: the
// filter byte (0), then the red, green and blue of each RGBA pixel.
func adlerRow(rgba []byte) uint32 {
	const base = 65521
	s1, s2 := uint32(1), uint32(1) // after the filter byte: s1 += 0, s2 += s1
	n := 0
	for i := 0; i+2 < len(rgba); i += 4 {
		s1 += uint32(rgba[i])
		s2 += s1
		s1 += uint32(rgba[i+1])
		s2 += s1
		s1 += uint32(rgba[i+2])
		s2 += s1
		// Reduce before the sums can overflow, as zlib does every 5552
		// bytes.
		if n += 3; n >= 5550 {
			s1, s2, n = s1%base, s2%base, 0
		}
	}
	return (s2%base)<<16 | s1%base
}

func writeChunk(out *bytes.Buffer, kind string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	out.WriteString(kind)
	out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	out.Write(n[:])
}

// adler32Combine is the Adler-32 checksum of the bytes of a followed by n
// bytes whose checksum is b (zlib's adler32_combine).
func adler32Combine(a, b uint32, n int) uint32 {
	const base = 65521
	rem := uint32(n % base)
	s1 := a & 0xffff
	s2 := rem * s1 % base
	s1 += b&0xffff + base - 1
	s2 += a>>16 + b>>16 + base - rem
	if s1 >= base {
		s1 -= base
	}
	if s1 >= base {
		s1 -= base
	}
	if s2 >= base<<1 {
		s2 -= base << 1
	}
	if s2 >= base {
		s2 -= base
	}
	return s1 | s2<<16
}

// Deflate (RFC 1951) with the fixed Huffman codes.

const (
	maxMatch    = 258
	maxDistance = 32768
)

// huff is a Huffman code, its bits already reversed for writing LSB first.
type huff struct {
	bits uint16
	n    uint8
}

var (
	fixedLit  [288]huff // literals, end of block and length codes
	fixedDist [30]huff
	// lengthCode[l-3] is the length code (0 to 28, for symbol 257+) of a
	// match of l bytes; distance codes are found by search.
	lengthCode [maxMatch - 2]uint8
)

var lengthBase = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
var lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
var distBase = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
var distExtra = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}

func init() {
	rev := func(code uint16, n uint8) huff {
		return huff{bits.Reverse16(code) >> (16 - n), n}
	}
	for i := range fixedLit {
		switch {
		case i < 144:
			fixedLit[i] = rev(uint16(0x30+i), 8)
		case i < 256:
			fixedLit[i] = rev(uint16(0x190+i-144), 9)
		case i < 280:
			fixedLit[i] = rev(uint16(i-256), 7)
		default:
			fixedLit[i] = rev(uint16(0xc0+i-280), 8)
		}
	}
	for i := range fixedDist {
		fixedDist[i] = rev(uint16(i), 5)
	}
	for c := range lengthBase {
		end := maxMatch + 1
		if c+1 < len(lengthBase) {
			end = int(lengthBase[c+1])
		}
		for l := int(lengthBase[c]); l < end; l++ {
			lengthCode[l-3] = uint8(c)
		}
	}
}

// bitWriter packs deflate's bits, least significant first.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint
}

func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

func (w *bitWriter) code(h huff) { w.write(uint64(h.bits), uint(h.n)) }

func (w *bitWriter) flush() {
	if w.nacc > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc, w.nacc = 0, 0
	}
}

func (w *bitWriter) literal(b byte) { w.code(fixedLit[b]) }

// match writes a copy of n bytes (any n >= 3) from dist bytes back, as as
// many matches as it takes.
func (w *bitWriter) match(n, dist int) {
	dc := 0
	for dc+1 < len(distBase) && int(distBase[dc+1]) <= dist {
		dc++
	}
	for n > 0 {
		l := min(n, maxMatch)
		if n-l > 0 && n-l < 3 {
			l = n - 3 // leave a match of at least 3 for the rest
		}
		c := lengthCode[l-3]
		w.code(fixedLit[257+int(c)])
		w.write(uint64(l-int(lengthBase[c])), uint(lengthExtra[c]))
		w.code(fixedDist[dc])
		w.write(uint64(dist-int(distBase[dc])), uint(distExtra[dc]))
		n -= l
	}
}
