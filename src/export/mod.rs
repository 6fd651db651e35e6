//! Files other tools read, made from a rota: calendars ([`ics`], merged into
//! an agent's feed across rotas by [`feed`]), spreadsheets ([`csv`]) and the
//! HTML report ([`html`]), and an on-call duty as a paging tool's schedule
//! overrides ([`paging`]). Pure functions of config and rota (and of the
//! calendar text already there); writing them is the commands' business.

pub mod csv;
pub mod feed;
pub mod html;
pub mod ics;
pub mod paging;
