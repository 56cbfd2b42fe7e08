package shareimage

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"math/bits"
	"sync/atomic"
)

// encoder writes PNGs, keeping the last image it wrote to copy from
// (last). It is safe for concurrent use.
type encoder struct {
	// last is the image that encode kept, to copy its bands: 3 MB for a
	// share image.
	last atomic.Pointer[encoded]
}

// encode writes an opaque img as an 8-bit RGB PNG (colour type 2,
// filter type None on every row). It is a purpose-built encoder for the
// share images, which are flat colours with anti-aliased edges: many times
// faster than image/png (which filters every row adaptively and runs a
// general compressor), for files somewhat larger.
//
// The zlib stream is deflate blocks with the fixed Huffman codes, and only
// two kinds of match: "the same as the pixel to the left" (distance 3) and
// "the same as the pixels above" (distance one row). A row equal to the one
// above costs a few bytes; a run of one colour costs a few bits per 86
// pixels; anything else is written as literal bytes. Alpha is dropped: the
// images are opaque.
//
// Each band of bandRows rows is a block of its own, padded to a whole
// byte, so that its bytes depend only on its rows and the row above it:
// the share images have the same top and foot, and a band that is the same
// as in an image encoded before is copied from it (see encoder.last). The
// bytes depend only on the pixels.
//
// The time goes on finding what differs from the row above (rowSums.add)
// and runs (samePrefix), which compare many bytes at a time, never pixel
// by pixel, and on writing literal pixels.
func (enc *encoder) encode(img *image.RGBA) ([]byte, error) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	rowLen := 1 + 3*w // the filter byte, then RGB
	if w == 0 || h == 0 || rowLen > maxDistance {
		var b bytes.Buffer
		err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img)
		return b.Bytes(), err
	}
	// The whole file is written into one slice, the IDAT chunk's length
	// and checksum filled in at the end.
	out := make([]byte, 0, 128<<10)
	out = append(out, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8] = 8 // bits per sample
	ihdr[9] = 2 // truecolour
	// compression method 0, filter method 0, no interlace
	out = appendChunk(out, "IHDR", ihdr[:])
	idat := len(out)
	out = append(out, "\x00\x00\x00\x00IDAT"...)
	out = append(out, 0x78, 0x01) // zlib: deflate, 32K window, fastest
	zdata := len(out)             // where the deflate blocks start

	last := enc.last.Load()
	if last != nil && (last.w != w || last.h != h) {
		last = nil
	}
	e := rowEncoder{
		w: w, rowLen: rowLen,
		left: distanceCode(3), above: distanceCode(rowLen),
		diff: make([]uint64, (w+63)/64),
	}
	row := func(y int) []byte { return img.Pix[img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y+y):][:4*w] }
	var sum uint32 = 1
	bands := make([]band, 0, (h+bandRows-1)/bandRows)
	reused := 0
	for y0 := 0; y0 < h; y0 += bandRows {
		y1 := min(y0+bandRows, h)
		start := len(out)
		var b band
		if last != nil && last.same(row, y0, y1) {
			b = last.bands[len(bands)]
			out = append(out, last.data[b.start:b.end]...)
			e.prev, e.sums = row(y1-1), b.sums
			reused++
		} else {
			bw := bitWriter{out: out}
			bw.write(b2u(y1 == h), 1) // BFINAL: the last block?
			bw.write(1, 2)            // BTYPE 01: fixed Huffman codes
			b.adler = 1
			for y := y0; y < y1; y++ {
				b.adler = adler32Combine(b.adler, e.row(&bw, row(y)), rowLen)
			}
			bw.code(fixedLit[256]) // end of block
			if y1 < h {
				// An empty stored block (BFINAL 0, BTYPE 00, padding to
				// a byte, length 0): a zlib sync flush.
				bw.write(0, 3)
				bw.flush()
				bw.out = append(bw.out, 0, 0, 0xff, 0xff)
			}
			bw.flush()
			out, b.sums = bw.out, e.sums
		}
		b.start, b.end = start-zdata, len(out)-zdata
		bands = append(bands, b)
		sum = adler32Combine(sum, b.adler, (y1-y0)*rowLen)
	}
	if last == nil || reused == 0 {
		// The last image is kept for the next until one has nothing in
		// common with it: a build's share images all share a top and a
		// foot, so most often the first is kept throughout.
		c := &encoded{w: w, h: h, pix: make([]byte, 0, 4*w*h), data: bytes.Clone(out[zdata:]), bands: bands}
		for y := range h {
			c.pix = append(c.pix, row(y)...)
		}
		enc.last.Store(c)
	}
	out = binary.BigEndian.AppendUint32(out, sum)
	binary.BigEndian.PutUint32(out[idat:], uint32(len(out)-idat-8))
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[idat+4:]))
	return appendChunk(out, "IEND", nil), nil
}

// bandRows is the height of the bands that encode may copy from the
// last image: each costs about 5 bytes more in the file, and only a band
// that is all the same is copied.
const bandRows = 16

// encoded is an image as encodePNG wrote it. It is never changed.
type encoded struct {
	w, h  int
	pix   []byte // its rows, RGBA, 4·w bytes each
	data  []byte // the deflate blocks
	bands []band
}

// band is a band of rows in encoded.data.
type band struct {
	start, end int     // its bytes
	adler      uint32  // the Adler-32 checksum of its rows as the PNG holds them
	sums       rowSums // its last row's
}

// same reports whether the rows from y0 to y1, and the one above (which
// the first row's matches copy), are the same as those of c.
func (c *encoded) same(row func(y int) []byte, y0, y1 int) bool {
	n := 4 * c.w
	for y := max(y0-1, 0); y < y1; y++ {
		if string(row(y)) != string(c.pix[y*n:(y+1)*n]) {
			return false
		}
	}
	return true
}

// rowEncoder writes rows one after the other. Pixels are compared as their
// 4 bytes, alpha too: two that differ only in alpha (never, in an opaque
// image) count as different, which only costs a little compression.
type rowEncoder struct {
	w, rowLen   int
	left, above distance
	prev        []byte   // the row above, RGBA; nil for the first
	sums        rowSums  // prev's
	diff        []uint64 // a bit per pixel: does it differ from the one above?
}

// row writes a row and returns its Adler-32 checksum.
func (e *rowEncoder) row(bw *bitWriter, row []byte) uint32 {
	w := e.w
	prev := e.prev
	e.prev = row
	if prev == nil {
		// The first row's sums are its change from a row of zeros.
		e.sums = rowSums{}
		e.sums.add(row, make([]byte, len(row)), e.diff)
		clear(e.diff) // nothing is above it
	} else if !e.sums.add(row, prev, e.diff) {
		bw.match(e.rowLen, e.above) // the filter byte and every pixel, from the row above
		return e.sums.adler(e.rowLen)
	}
	bw.literal(0) // filter type None
	px := func(x int) uint32 { return binary.LittleEndian.Uint32(row[4*x:]) }
	for x := 0; x < w; {
		// a pixels from x are like those above; l are like the one to
		// their left. The longer is written as a match.
		a := 0
		if prev != nil {
			a = sameAbove(e.diff, x, w)
		}
		// l is counted only if it may beat a: most pixels differ from
		// the one to their left, or are in a run that ends before a
		// does. Any l < a picks the same match.
		l := 0
		if x > 0 && px(x) == px(x-1) && (a == 0 || px(x+a-1) == px(x-1)) {
			l = samePrefix(row[4*x:], row[4*x-4:]) / 4
		}
		switch {
		case a > l:
			bw.match(3*a, e.above)
			x += a
		case l > 0:
			bw.match(3*l, e.left)
			x += l
		default:
			bw.pixel(row[4*x], row[4*x+1], row[4*x+2])
			x++
		}
	}
	return e.sums.adler(e.rowLen)
}

// sameAbove is the number of pixels from x on that are the same as those
// above, by diff (a bit per pixel, set if it differs).
func sameAbove(diff []uint64, x, w int) int {
	if m := diff[x/64] >> (x % 64); m != 0 {
		return bits.TrailingZeros64(m)
	}
	for i := x/64 + 1; i < len(diff); i++ {
		if diff[i] != 0 {
			return i*64 + bits.TrailingZeros64(diff[i]) - x
		}
	}
	return w - x
}

// samePrefix is the number of leading bytes that a and b have in common.
// A row is mostly long runs, so after the first 8 bytes it compares 64 at
// a time (string comparison is the runtime's vectorised memequal), then
// finds the first difference 8 bytes at a time.
func samePrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	if n >= 8 {
		if d := binary.LittleEndian.Uint64(a) ^ binary.LittleEndian.Uint64(b); d != 0 {
			return bits.TrailingZeros64(d) / 8
		}
		i = 8
	}
	for i+64 <= n && string(a[i:i+64]) == string(b[i:i+64]) {
		i += 64
	}
	for ; i+8 <= n; i += 8 {
		if d := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); d != 0 {
			return i + bits.TrailingZeros64(d)/8
		}
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// rowSums are the sums that make the Adler-32 checksum of a row, which
// after n bytes d[0..n) is s1 = 1 + Σ d[i] and s2 = n + Σ d[i]·(n−i),
// mod 65521. The bytes are the filter byte (0), then the red, green and
// blue of each pixel. Both sums are linear in the bytes, so a row's sums
// are those of the row above plus the change at each pixel: a row is
// mostly the same as the one above, and only the stretches that differ
// are read.
type rowSums struct {
	s, t int64 // Σ d[i], Σ d[i]·(n−i), for n = 1 + 3·pixels: exact, below 2^63 for any row a PNG can hold
}

// add changes the sums of prev, the row above, into those of row. It sets
// the bit of every pixel that differs in diff (a bit per pixel) and
// reports whether any does.
func (r *rowSums) add(row, prev []byte, diff []uint64) bool {
	clear(diff)
	if bytes.Equal(row, prev) {
		return false
	}
	n := int64(1 + len(row)/4*3)
	var any uint64
	for i := 0; i < len(row); {
		// Skip what is the same 256 bytes at a time (string comparison
		// is the runtime's vectorised memequal).
		if i+256 <= len(row) && string(row[i:i+256]) == string(prev[i:i+256]) {
			i += 256
			continue
		}
		// Then 32 bytes (8 pixels) at a time.
		for end := min(i+256, len(row)); i < end; i += 32 {
			var m uint64 // a bit per pixel: does it differ?
			if i+32 <= len(row) {
				a, b := row[i:i+32], prev[i:i+32]
				d0 := binary.LittleEndian.Uint64(a) ^ binary.LittleEndian.Uint64(b)
				d1 := binary.LittleEndian.Uint64(a[8:]) ^ binary.LittleEndian.Uint64(b[8:])
				d2 := binary.LittleEndian.Uint64(a[16:]) ^ binary.LittleEndian.Uint64(b[16:])
				d3 := binary.LittleEndian.Uint64(a[24:]) ^ binary.LittleEndian.Uint64(b[24:])
				if d0|d1|d2|d3 == 0 {
					continue
				}
				// Without branches, which the pattern of anti-aliased
				// edges defeats.
				m = b2u(uint32(d0) != 0) | b2u(d0>>32 != 0)<<1 |
					b2u(uint32(d1) != 0)<<2 | b2u(d1>>32 != 0)<<3 |
					b2u(uint32(d2) != 0)<<4 | b2u(d2>>32 != 0)<<5 |
					b2u(uint32(d3) != 0)<<6 | b2u(d3>>32 != 0)<<7
			} else {
				for j := i; j < len(row); j += 4 {
					m |= b2u(binary.LittleEndian.Uint32(row[j:]) != binary.LittleEndian.Uint32(prev[j:])) << ((j - i) / 4)
				}
			}
			x0 := i / 4 // a multiple of 8
			diff[x0/64] |= m << (x0 % 64)
			any |= m
			for ; m != 0; m &= m - 1 {
				x := x0 + bits.TrailingZeros64(m)
				p := 4 * x
				dr := int64(row[p]) - int64(prev[p])
				dg := int64(row[p+1]) - int64(prev[p+1])
				db := int64(row[p+2]) - int64(prev[p+2])
				// Red is at 1+3x, green and blue after it.
				r.s += dr + dg + db
				r.t += (dr+dg+db)*(n-int64(1+3*x)) - dg - 2*db
			}
		}
	}
	return any != 0
}

// b2u is 1 for true, 0 for false; the compiler makes it a SETcc, no
// branch.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// adler is the Adler-32 checksum of the row, n bytes long.
func (r *rowSums) adler(n int) uint32 {
	const base = 65521
	return uint32((int64(n)+r.t)%base)<<16 | uint32((1+r.s)%base)
}

// appendChunk appends a PNG chunk: length, kind, data, CRC.
func appendChunk(out []byte, kind string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, kind...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
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
	// match of l bytes.
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

// distance is a match distance as written: its code and extra bits, in
// the order written, and their number. An image has only two distances,
// so each is worked out once.
type distance struct {
	bits uint64
	n    uint
}

func distanceCode(dist int) distance {
	dc := 0
	for dc+1 < len(distBase) && int(distBase[dc+1]) <= dist {
		dc++
	}
	h := fixedDist[dc]
	return distance{uint64(h.bits) | uint64(dist-int(distBase[dc]))<<h.n, uint(h.n) + uint(distExtra[dc])}
}

// bitWriter packs deflate's bits, least significant first, 32 at a time.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint // < 32 between calls
}

// write writes the n (at most 32) low bits of v.
func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.nacc
	w.nacc += n
	if w.nacc >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.nacc -= 32
	}
}

func (w *bitWriter) code(h huff) { w.write(uint64(h.bits), uint(h.n)) }

// flush writes the last bits, padded to a byte.
func (w *bitWriter) flush() {
	for ; w.nacc > 0; w.nacc -= min(w.nacc, 8) {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
	}
}

func (w *bitWriter) literal(b byte) { w.code(fixedLit[b]) }

// pixel writes three literal bytes in one write (at most 27 bits).
func (w *bitWriter) pixel(r, g, b byte) {
	hr, hg, hb := fixedLit[r], fixedLit[g], fixedLit[b]
	w.write(uint64(hr.bits)|uint64(hg.bits)<<hr.n|uint64(hb.bits)<<(hr.n+hg.n), uint(hr.n+hg.n+hb.n))
}

// match writes a copy of n bytes (any n >= 3) from d back, as as many
// matches as it takes.
func (w *bitWriter) match(n int, d distance) {
	for n > 0 {
		l := min(n, maxMatch)
		if n-l > 0 && n-l < 3 {
			l = n - 3 // leave a match of at least 3 for the rest
		}
		// The length's code and extra bits, then the distance's: at
		// most 8+5+5+13 bits, in one write.
		c := lengthCode[l-3]
		h := fixedLit[257+int(c)]
		v := uint64(h.bits) | uint64(l-int(lengthBase[c]))<<h.n
		nb := uint(h.n) + uint(lengthExtra[c])
		w.write(v|d.bits<<nb, nb+d.n)
		n -= l
	}
}
