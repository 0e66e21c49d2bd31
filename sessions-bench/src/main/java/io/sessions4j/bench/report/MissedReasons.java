package io.sessions4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measured reasons of missed targets, from the "Reasons" list of {@code sessions-bench/analysis.md}:
 * one bullet per reason, keyed by engine and operation, optionally thread count, e.g.
 * <pre>
 * - `cache_ehcache/read`: a decode per read costs ~3 µs against a raw get's 0.3 µs (profile: …)
 * - `db_postgresql/write/t4`: …
 * - `db_h2/*`: …
 * </pre>
 * The most specific key wins (thread count, then operation, then {@code *}). The targets table shows the
 * reason of every missed target; one without a reason says so.
 */
public final class MissedReasons {
    private static final Pattern BULLET = Pattern.compile("^- `([a-z0-9_]+)/([a-z*]+)(?:/t(\\d+))?`:\\s*(.+)$");

    private record Reason(String engine, String operation, int threads, String text) {
        int specificity() {
            return (threads > 0 ? 2 : 0) + (operation.equals("*") ? 0 : 1);
        }
    }

    private final List<Reason> reasons;

    private MissedReasons(List<Reason> reasons) {
        this.reasons = reasons;
    }

    public static MissedReasons parse(String analysis) {
        List<Reason> reasons = new ArrayList<>();
        for (String line : analysis.lines().toList()) {
            Matcher m = BULLET.matcher(line.strip());
            if (m.matches()) {
                reasons.add(new Reason(m.group(1), m.group(2), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(4).strip()));
            }
        }
        return new MissedReasons(reasons);
    }

    /** The reason for a target of this engine, operation and thread count, or null when analysis.md has none. */
    public String reasonFor(Target target) {
        Reason best = null;
        for (Reason r : reasons) {
            boolean matches = r.engine().equals(target.engine())
                    && (r.operation().equals("*") || r.operation().equals(target.operation()))
                    && (r.threads() == 0 || r.threads() == target.threads());
            if (matches && (best == null || r.specificity() > best.specificity())) {
                best = r;
            }
        }
        return best == null ? null : best.text();
    }
}
