//! CSV rows of a rota.
