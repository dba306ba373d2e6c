package store

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"testing"
)

// fnvRowHash is rowHash as written with hash/fnv: stored row hashes were
// computed this way, so rowHash must keep giving the same values.
func fnvRowHash(vals []any) int64 {
	h := fnv.New64a()
	var buf [8]byte
	for _, v := range vals {
		switch x := v.(type) {
		case string:
			h.Write([]byte(x))
			h.Write([]byte{0})
		case int:
			binary.LittleEndian.PutUint64(buf[:], uint64(x))
			h.Write(buf[:])
		case int64:
			binary.LittleEndian.PutUint64(buf[:], uint64(x))
			h.Write(buf[:])
		case float64:
			binary.LittleEndian.PutUint64(buf[:], math.Float64bits(x))
			h.Write(buf[:])
		case nil:
			h.Write([]byte{0xff})
		}
	}
	return int64(h.Sum64() >> 1)
}

func TestRowHashMatchesHashFNV(t *testing.T) {
	for _, row := range [][]any{
		nil,
		{""},
		{int64(82), "healthy", `[{"k":"v"}]`, "[]", nil, 12, 3.5, int64(-1), "USD", math.Inf(1), "Ünïcode <b>"},
		{int(-7), int64(math.MinInt64), float64(0), nil, nil, "a\x00b"},
	} {
		if got, want := rowHash(row), fnvRowHash(row); got != want {
			t.Errorf("rowHash(%v) = %d, want %d", row, got, want)
		}
	}
}

// TestRowHashMatchesHashFNVRandom compares the two on random rows.
func TestRowHashMatchesHashFNVRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 5000; i++ {
		b := make([]byte, rng.IntN(40))
		for j := range b {
			b[j] = byte(rng.Uint32())
		}
		row := []any{string(b), rng.Int64(), rng.NormFloat64(), int(rng.Int32()), nil}
		if got, want := rowHash(row), fnvRowHash(row); got != want {
			t.Fatalf("rowHash(%v) = %d, want %d", row, got, want)
		}
	}
}
