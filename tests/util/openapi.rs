//! The vendors' own OpenAPI documents (the parts committed under
//! `tests/data/openapi/`, with their source and date) as JSON Schema
//! validators: one schema of one operation, found by its JSON pointer, with
//! every `$ref` resolved inside the same document and `format: date-time`
//! enforced.

use serde_json::Value as Json;

/// The committed excerpt of `vendor`'s document (`pagerduty`, `opsgenie`, `datadog`).
pub fn document(vendor: &str) -> Json {
    let path = format!("{}/tests/data/openapi/{vendor}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The schema at `pointer` in `vendor`'s document (e.g.
/// `/paths/~1schedules~1{id}~1overrides/post/requestBody/content/application~1json/schema`).
pub fn validator(vendor: &str, pointer: &str) -> jsonschema::Validator {
    let doc = document(vendor);
    assert!(doc.pointer(pointer).is_some(), "{vendor}.json has no {pointer}");
    // The document is the root, so `#/components/...` resolves; the schema is reached by `$ref`.
    let fragment: String = pointer
        .chars()
        .map(|c| match c {
            '{' => "%7B".to_string(),
            '}' => "%7D".to_string(),
            c => c.to_string(),
        })
        .collect();
    let mut root = doc.clone();
    root["$ref"] = Json::String(format!("#{fragment}"));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("{vendor}.json {pointer} does not compile: {e}"))
}

/// Every error of `instance` against `v`, one line each (empty when valid).
pub fn errors(v: &jsonschema::Validator, instance: &Json) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Asserts `body` is valid against the schema at `pointer` in `vendor`'s document.
#[track_caller]
pub fn assert_valid(vendor: &str, pointer: &str, body: &Json) {
    let errs = errors(&validator(vendor, pointer), body);
    assert!(
        errs.is_empty(),
        "{vendor} body breaks the vendor's schema:\n{}\n{body:#}",
        errs.join("\n")
    );
}
