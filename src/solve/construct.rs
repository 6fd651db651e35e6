//! Construction: every agent's roster in turn, the best one under all of its
//! own rules — minimum hours and runs included — given the rosters built
//! before it, priced by what the target still needs. Each is an exact
//! sub-model (the agent's columns, the rows they touch). Every hard rule is
//! per agent and coverage is soft, so the result is a feasible rota; an
//! agent whose own rules admit no roster gets its "at least" rules opened
//! (priced), and only that agent.

use super::greedy;
use super::sub::State;
use super::Engine;

/// Above this many columns of all agents together, rosters are built
/// greedily (a sub-model per agent would take minutes).
const GREEDY_ABOVE: usize = 20_000;
use crate::solve::highs::Ended;

/// Agents in construction order: fewest choices first (they have the least
/// room to fit around others), then by index.
fn order(eng: &Engine) -> Vec<usize> {
    let mut agents: Vec<usize> = (0..eng.agent_cols.len()).collect();
    agents.sort_by_key(|&a| (eng.agent_cols[a].len(), a));
    agents
}

/// The first rota: all-zero rosters, then each agent's best roster in turn.
pub fn construct(eng: &mut Engine) -> State {
    let x: Vec<f64> = eng.lp.cols.iter().map(|c| 0.0f64.clamp(c.lo, c.hi)).collect();
    let mut st = State::new(&eng.lp, x);
    eng.complete(&mut st);
    let agents = order(eng);
    // Large teams: a greedy roster for every agent whose empty roster keeps
    // its rules; the exact sub-model for the others.
    let greedy = eng.agent_cols.iter().map(Vec::len).sum::<usize>() > GREEDY_ABOVE;
    if greedy {
        eng.slacks = greedy::Slacks::new(eng);
    }
    for round in 0..=eng.budget.rounds {
        let mut better = false;
        for (i, &a) in agents.iter().enumerate() {
            if eng.clock.stop() {
                return st;
            }
            better |= if greedy && greedy::rows_hold(eng, &st, a) {
                greedy::roster(eng, &mut st, a)
            } else {
                best_roster(eng, &mut st, a, round == 0)
            };
            eng.show("construct", i + 1, agents.len(), &st, f64::NEG_INFINITY);
        }
        if eng.trace {
            crate::stderrln!("trace: construction round {round}: objective {}", st.obj);
        }
        // Further rounds are for greedy rosters (cheap); exact ones stand.
        if (round > 0 && !better) || !greedy {
            break;
        }
    }
    st
}

/// Replaces agent `a`'s roster by its best response to everyone else's.
/// `force` takes the result even when it is not cheaper (the construction:
/// an empty roster can break an "at least" rule). Returns whether `st` improved.
pub fn best_roster(eng: &mut Engine, st: &mut State, a: usize, force: bool) -> bool {
    if eng.agent_cols[a].is_empty() {
        return false;
    }
    // Budgets: the normal one, then ten times it before giving up on a roster.
    let mut scale = 1;
    loop {
        let free = eng.agent_cols[a].clone();
        let sub = eng.cutter.cut(&eng.lp, &eng.t, st, &free);
        let (nodes, lp) = (eng.budget.construct_nodes * scale, eng.budget.construct_lp * scale);
        let (y, ended, _) = eng.solve_sub(&sub, nodes, lp);
        match y {
            Some(y) => {
                let obj = st.objective_with(&eng.lp, &sub, &y);
                let better = obj < st.obj - 1e-9;
                if better || force {
                    st.apply(&eng.lp, &eng.t, &sub, &y);
                }
                return better;
            }
            // No roster found within the budget: try once more with a larger one.
            None if ended == Ended::WorkLimit && scale == 1 => scale = 10,
            // No roster keeps all of the agent's rules (or none was found):
            // open its minimums, once.
            None if matches!(ended, Ended::Infeasible | Ended::WorkLimit) && eng.relax(a) => {}
            None => return false,
        }
    }
}
