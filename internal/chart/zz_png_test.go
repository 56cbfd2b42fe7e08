package chart

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/png"
	"runtime"
	"syscall"
	"testing"
)

func threadCPU() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(1, &ru) // RUSAGE_THREAD
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

func cpuBench(b *testing.B, fn func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c := threadCPU()
	for i := 0; i < b.N; i++ {
		fn()
	}
	b.ReportMetric((threadCPU()-c)/float64(b.N)*1e3, "cpu-ms/op")
}

func testShare() *Share {
	m := previewMeasures()[1]
	m.Latest.Point = m.Series[len(m.Series)-1]
	return NewShare(m, cal, ShareSite{Organisation: "Warwickshire County Council", Title: "How we are doing"})
}

func testImage(b testing.TB) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, ShareWidth, ShareHeight))
	if err := testShare().draw(img); err != nil {
		b.Fatal(err)
	}
	return img
}

func TestZZPixels(t *testing.T) {
	img := testImage(t)
	fmt.Printf("pixels %x\n", sha256.Sum256(img.Pix))
	out, _ := encodePNG(img)
	back, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	for y := 0; y < ShareHeight; y++ {
		for x := 0; x < ShareWidth; x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := back.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				t.Fatalf("pixel %d,%d", x, y)
			}
		}
	}
}

func BenchmarkZZPNG(b *testing.B) {
	img := testImage(b)
	b.Run("std", func(b *testing.B) {
		var n int
		cpuBench(b, func() {
			var buf bytes.Buffer
			(&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
			n = buf.Len()
		})
		b.ReportMetric(float64(n), "bytes")
	})
	b.Run("mine", func(b *testing.B) {
		var n int
		cpuBench(b, func() {
			out, _ := encodePNG(img)
			n = len(out)
		})
		b.ReportMetric(float64(n), "bytes")
	})
	b.Run("draw", func(b *testing.B) {
		s := testShare()
		cpuBench(b, func() { s.draw(img) })
	})
	b.Run("all", func(b *testing.B) {
		s := testShare()
		cpuBench(b, func() { s.PNG() })
	})
}
