//! Order and product input as it arrives over IPC (JSON), decoded with coded field errors.
//!
//! Money travels as strings ("19.99"). A malformed amount ("abc", "1,5", an object …) would
//! otherwise fail inside serde, before any rule runs, with no code and no field; here each
//! money field is checked first and named exactly like the core's own errors
//! (`lines[0].unit_price`), so the form can mark the right box. Anything else serde rejects
//! becomes `input_invalid` naming the input.

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::model::{OrderInput, ProductInput};
use crate::error::{CoreError, Result};

const ORDER_MONEY: [&str; 2] = ["expected_return_pct", "stop_loss_pct"];
const LINE_MONEY: [&str; 3] = ["quantity", "unit_price", "discount_pct"];
const PRODUCT_MONEY: [&str; 1] = ["default_price"];

/// An `OrderInput` from JSON, or `money_invalid` naming every bad amount (order and lines).
pub fn order_input(mut value: Value) -> Result<OrderInput> {
    let mut problems = Vec::new();
    check_money(&mut value, "", &ORDER_MONEY, &mut problems);
    if let Some(lines) = value.get_mut("lines").and_then(Value::as_array_mut) {
        for (i, line) in lines.iter_mut().enumerate() {
            check_money(line, &format!("lines[{i}]."), &LINE_MONEY, &mut problems);
        }
    }
    CoreError::all_invalid(problems)?;
    decode(value, "input")
}

/// A `ProductInput` from JSON, or `money_invalid` naming `default_price`.
pub fn product_input(mut value: Value) -> Result<ProductInput> {
    let mut problems = Vec::new();
    check_money(&mut value, "", &PRODUCT_MONEY, &mut problems);
    CoreError::all_invalid(problems)?;
    decode(value, "input")
}

/// Check each money field of `object`, trim the good ones in place, name the bad ones.
fn check_money(object: &mut Value, prefix: &str, fields: &[&str], problems: &mut Vec<CoreError>) {
    for name in fields {
        let ok = match object.get_mut(*name) {
            None | Some(Value::Null) => true,
            Some(Value::String(s)) => {
                *s = s.trim().to_string();
                s.parse::<Decimal>().is_ok()
            }
            Some(_) => false,
        };
        if !ok {
            let shown = object.get(*name).map(Value::to_string).unwrap_or_default();
            problems.push(CoreError::invalid(
                format!("{prefix}{name}"),
                "money_invalid",
                format!("{shown} is not a decimal number like \"19.99\""),
            ));
        }
    }
}

fn decode<T: DeserializeOwned>(value: Value, field: &str) -> Result<T> {
    serde_json::from_value(value).map_err(|e| CoreError::invalid(field, "input_invalid", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn order(line: Value) -> Value {
        json!({
            "customer_id": "c1", "ordered_on": "2026-11-22", "status": "paid", "currency": "CNY",
            "lines": [{ "description": "tea", "quantity": "1", "unit_price": "10", "discount_pct": "0" }, line]
        })
    }

    fn err(r: Result<impl std::fmt::Debug>) -> (String, String) {
        match r.unwrap_err() {
            CoreError::Invalid { field, reason, .. } => (field, reason.to_string()),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn a_malformed_unit_price_is_money_invalid_naming_the_line_and_field() {
        let bad = order(json!({ "description": "x", "quantity": "1", "unit_price": "abc" }));
        assert_eq!(err(order_input(bad)), ("lines[1].unit_price".into(), "money_invalid".into()));
    }

    #[test]
    fn every_malformed_amount_is_named_in_one_error() {
        let mut v = order(json!({ "description": "x", "quantity": "two", "unit_price": "abc" }));
        v["stop_loss_pct"] = json!("ten");
        let fields = match order_input(v).unwrap_err() {
            CoreError::Invalid { field, also, .. } => {
                [field].into_iter().chain(also.into_iter().map(|p| p.field)).collect::<Vec<_>>()
            }
            other => panic!("expected a field error, got {other:?}"),
        };
        assert_eq!(fields, ["stop_loss_pct", "lines[1].quantity", "lines[1].unit_price"]);
    }

    #[test]
    fn numbers_objects_and_empty_strings_are_not_money_either() {
        for bad in [json!(1.5), json!({}), json!(""), json!("1,5")] {
            let v = order(json!({ "description": "x", "quantity": bad, "unit_price": "1" }));
            assert_eq!(err(order_input(v)), ("lines[1].quantity".into(), "money_invalid".into()));
        }
        let mut v = order(json!({ "description": "x", "quantity": "1" }));
        v["stop_loss_pct"] = json!("ten");
        assert_eq!(err(order_input(v)), ("stop_loss_pct".into(), "money_invalid".into()));
        let p = json!({ "name": "tea", "default_price": "12..5" });
        assert_eq!(err(product_input(p)), ("default_price".into(), "money_invalid".into()));
    }

    #[test]
    fn valid_input_decodes_and_other_shape_errors_are_input_invalid() {
        let ok = order_input(order(json!({ "description": "x", "quantity": " 2 ", "unit_price": null }))).unwrap();
        assert_eq!(ok.lines[1].quantity, Decimal::from(2));
        assert_eq!(ok.lines[1].unit_price, None);
        let mut v = order(json!({ "description": "x", "quantity": "1" }));
        v["status"] = json!("stolen");
        assert_eq!(err(order_input(v)), ("input".into(), "input_invalid".into()));
        assert_eq!(product_input(json!({ "name": "tea", "default_price": "9.90" })).unwrap().name, "tea");
    }
}
