//! Files other tools read, made from a rota: calendars ([`ics`]), spreadsheets
//! ([`csv`]) and the HTML report ([`html`]). Pure functions of config and
//! rota; writing them is the commands' business.

pub mod csv;
pub mod html;
pub mod ics;
