// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux

package main

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A series is one line of the chart: ns/op against watched fds.
type series struct {
	label, color, dash string
	x, y               []float64
}

// chart draws the cost of one call against the number of watched fds
// (10 of them ready) for select, poll and epoll, pyselect solid and raw
// dashed, on log-log axes, as an SVG.
func chart(rows []Row) []byte {
	var ss []series
	for _, api := range []struct{ group, name, color string }{
		{"Select", "select", "#d62728"},
		{"Poll", "poll", "#1f77b4"},
		{"EpollScaling", "epoll", "#2ca02c"},
	} {
		for _, impl := range []struct{ impl, label, dash string }{
			{"raw", "raw x/sys", "6,4"},
			{"pyselect", "pyselect", ""},
			{"Poll", "pyselect Poll", ""},
			{"Wait", "pyselect Wait", "2,3"},
		} {
			s := series{label: api.name + ", " + impl.label, color: api.color, dash: impl.dash}
			for _, r := range rows {
				g, n, ok := strings.Cut(r.Group, "/fds=")
				if !ok || g != api.group || r.Impl != impl.impl {
					continue
				}
				x, err := strconv.ParseFloat(n, 64)
				if err == nil && r.NsOp > 0 {
					s.x, s.y = append(s.x, x), append(s.y, r.NsOp)
				}
			}
			if len(s.x) > 0 {
				ss = append(ss, s)
			}
		}
	}

	const w, h, left, right, top, bottom = 760, 460, 70, 230, 40, 50
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		for _, y := range s.y {
			minY, maxY = min(minY, y), max(maxY, y)
		}
	}
	if len(ss) == 0 {
		minY, maxY = 1, 10
	}
	y0, y1 := math.Floor(math.Log10(minY)), math.Ceil(math.Log10(maxY))
	x0, x1 := 1.0, 4.0 // 10 to 10,000 fds
	px := func(x float64) float64 { return left + (math.Log10(x)-x0)/(x1-x0)*(w-left-right) }
	py := func(y float64) float64 { return h - bottom - (math.Log10(y)-y0)/(y1-y0)*(h-top-bottom) }

	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", w, h, w, h)
	p(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	p(`<text x="%d" y="22" font-size="14">One call, 10 of n watched fds ready: ns/op (median)</text>`+"\n", left)
	for e := x0; e <= x1; e++ {
		x := px(math.Pow(10, e))
		p(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>`+"\n", x, top, x, h-bottom)
		p(`<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", x, h-bottom+16, strconv.FormatFloat(math.Pow(10, e), 'f', 0, 64))
	}
	for e := y0; e <= y1; e++ {
		y := py(math.Pow(10, e))
		p(`<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`+"\n", left, y, w-right, y)
		p(`<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", left-6, y+4, nsLabel(math.Pow(10, e)))
	}
	p(`<text x="%d" y="%d" text-anchor="middle">watched fds (log)</text>`+"\n", left+(w-left-right)/2, h-12)
	p(`<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle">time per call (log)</text>`+"\n", top+(h-top-bottom)/2, top+(h-top-bottom)/2)
	for i, s := range ss {
		var pts []string
		for j := range s.x {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(s.x[j]), py(s.y[j])))
		}
		dash := ""
		if s.dash != "" {
			dash = ` stroke-dasharray="` + s.dash + `"`
		}
		p(`<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.Join(pts, " "), s.color, dash)
		for j := range s.x {
			p(`<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"/>`+"\n", px(s.x[j]), py(s.y[j]), s.color)
		}
		ly := top + 10 + i*18
		p(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", w-right+14, ly, w-right+44, ly, s.color, dash)
		p(`<text x="%d" y="%d">%s</text>`+"\n", w-right+50, ly+4, s.label)
	}
	p("</svg>\n")
	return b.Bytes()
}

func nsLabel(ns float64) string {
	switch {
	case ns >= 1e6:
		return strconv.FormatFloat(ns/1e6, 'g', 3, 64) + " ms"
	case ns >= 1e3:
		return strconv.FormatFloat(ns/1e3, 'g', 3, 64) + " µs"
	}
	return strconv.FormatFloat(ns, 'g', 3, 64) + " ns"
}
