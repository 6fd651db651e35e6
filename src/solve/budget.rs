//! How much work a solve may do, by effort level: nodes per sub-model,
//! improvement steps, the size of a neighbourhood. Work, not wall time, so
//! the same input gives the same rota on any machine and any load.

/// How hard to try (`--effort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Effort {
    /// About a quarter of the work of `normal`.
    Quick,
    #[default]
    Normal,
    /// About four times the work of `normal`, in larger neighbourhoods.
    Thorough,
}

impl std::str::FromStr for Effort {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "quick" => Ok(Effort::Quick),
            "normal" => Ok(Effort::Normal),
            "thorough" => Ok(Effort::Thorough),
            _ => Err(format!("unknown effort `{s}` (quick, normal or thorough)")),
        }
    }
}

/// Work limits of one solve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Branch-and-bound nodes for one agent's roster in the construction.
    pub construct_nodes: i64,
    /// LP iterations for one agent's roster.
    pub construct_lp: i64,
    /// Rounds of best responses after the first roster of every agent.
    pub rounds: usize,
    /// Pricing rounds of column generation (each prices every agent).
    pub cg_rounds: usize,
    /// Work of the improvement: the sum, over its sub-models, of their
    /// size (rows + columns + nonzeros) — what HiGHS's effort grows with,
    /// counted the same on every machine.
    pub work: f64,
    /// Steps in a row without a better rota after which improvement ends.
    pub stall: usize,
    /// Nodes per improvement sub-model.
    pub step_nodes: i64,
    /// LP iterations per improvement sub-model.
    pub step_lp: i64,
    /// Integer columns a neighbourhood frees (it grows or shrinks with how
    /// its sub-models end, deterministically).
    pub size: usize,
    /// Nodes of the whole-model run that proves the bound (small models).
    pub bound_nodes: i64,
    /// LP iterations of that run.
    pub bound_lp: i64,
    /// Simplex iterations of an LP bound.
    pub lp_iterations: i64,
    /// Largest model (nonzeros) solved whole for its bound; larger ones are
    /// bounded by windows of days.
    pub whole_nonzeros: usize,
}

impl Budget {
    pub fn new(effort: Effort) -> Budget {
        let scale = match effort {
            Effort::Quick => 0.25,
            Effort::Normal => 1.0,
            Effort::Thorough => 4.0,
        };
        let size = match effort {
            Effort::Quick => 200,
            Effort::Normal => 300,
            Effort::Thorough => 500,
        };
        Budget {
            construct_nodes: 200,
            construct_lp: 20_000,
            rounds: 10,
            cg_rounds: (100.0 * scale) as usize,
            work: 1.2e6 * scale,
            stall: (30.0 * scale.sqrt()) as usize,
            step_nodes: (500.0 * scale.sqrt()) as i64,
            step_lp: (5000.0 * scale.sqrt()) as i64,
            size,
            bound_nodes: (2000.0 * scale) as i64,
            bound_lp: (50_000.0 * scale) as i64,
            lp_iterations: (200_000.0 * scale) as i64,
            whole_nonzeros: 400_000,
        }
    }
}
