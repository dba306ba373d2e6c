package domain

import "testing"

// TestScoreRangeMatchesLevel checks, for several cut-offs and every score
// a model can give (and a few beyond), that a score lies in a level's range
// exactly when Level puts it in that level.
func TestScoreRangeMatchesLevel(t *testing.T) {
	for _, c := range []Cutoffs{{Critical: 40, AtRisk: 70}, {Critical: 1, AtRisk: 2}, {Critical: 99, AtRisk: 100}, {Critical: 55, AtRisk: 85}} {
		for score := -5; score <= 105; score++ {
			for _, level := range []RiskLevel{RiskCritical, RiskAtRisk, RiskHealthy} {
				lo, hi := c.ScoreRange(level)
				if in := lo <= score && score < hi; in != (c.Level(score) == level) {
					t.Fatalf("cut-offs %+v, score %d, %s: in range [%d, %d) = %v, Level = %s", c, score, level, lo, hi, in, c.Level(score))
				}
			}
		}
	}
	if lo, hi := (Cutoffs{Critical: 40, AtRisk: 70}).ScoreRange("doomed"); lo < hi {
		t.Fatalf("unknown level range [%d, %d) is not empty", lo, hi)
	}
}
