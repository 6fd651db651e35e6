//! RFC 5545 calendars of a rota.
