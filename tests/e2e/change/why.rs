//! Every gap explains itself (issue 11): a hand-made team and rota
//! (`tests/data/why/`) in which each reason occurs once — no template
//! reaches the hour, the only agent with the skill is off, the only agent
//! who could is short of rest, and another is at the weekly limit while a
//! third could simply take it.

use crate::util::*;

#[test]
fn each_gap_says_why_it_is_left() {
    let dir = Path::new(ROOT).join("tests/data/why");
    let (config, rota) = (dir.join("team.toml"), dir.join("rota.toml"));
    let run = sunrota([OsStr::new("check"), config.as_os_str(), rota.as_os_str()]);
    run.expect_code(1);
    let expect = [
        "gap: Mon 2026-03-02 02:00 – 04:00 UTC (2h): 0 of 1 agents on duty (1 missing) — Mon 02:00-04:00 ×1\n\
         \x20   why (proven unavoidable):\n\
         \x20     no template of any agent who counts reaches it\n",
        "gap: Tue 2026-03-03 10:00 – 12:00 UTC (2h): 0 of 1 fr agents (1 missing) — Tue 10:00-12:00 ×1 fr\n\
         \x20   why (not proven unavoidable):\n\
         \x20     flo: day Tue 2026-03-03 — time off or a holiday on Tue 2026-03-03\n",
        "    why (not proven unavoidable):\n\
         \x20     ron: late Thu 2026-03-05 — rest: 8h00 rest between the shift ending Thu 2026-03-05 22:00 +00:00 \
         and the one starting Fri 2026-03-06 06:00 +00:00 (minimum 11h00)\n",
        "      ana: day Sat 2026-03-07 — max-hours-per-week: 48h00 worked in the 7 days from 2026-03-02 (maximum 40h00)\n\
         \x20     flo: day Sat 2026-03-07 — time off or a holiday on Sat 2026-03-07\n\
         \x20     ron: could work early Sat 2026-03-07 — nothing stops it (left by the budget or the weights)\n",
    ];
    for e in expect {
        assert!(run.stdout.contains(e), "missing:\n{e}\n{run}");
    }
    // The same reasons in JSON, one entry per stretch.
    let json = sunrota([
        OsStr::new("check"),
        OsStr::new("--format"),
        OsStr::new("json"),
        config.as_os_str(),
        rota.as_os_str(),
    ]);
    let whys = json.json()["rotas"][0]["gap_reasons"].as_array().unwrap().clone();
    assert_eq!(whys.len(), 4);
    assert_eq!(whys[0]["proven_unavoidable"], true);
    assert_eq!(whys[3]["reasons"].as_array().unwrap().len(), 3);
}
