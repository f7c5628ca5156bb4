//! One customer whose company is given by name rather than picked, as `fieldbook customers add
//! --company NAME --create-company` needs: the importer's own company resolution (a live
//! organization of that name, names compared as import and the duplicate finder compare them,
//! else a new organization), so the two never disagree on what "the same company" is.

use serde::Serialize;

use super::plan::{self, DuplicatePolicy};
use super::row::MappedRow;
use super::run;
use crate::customers::validate::normalize;
use crate::customers::{create_in, CustomerInput, CustomerKind};
use crate::error::{CoreError, Result};
use crate::Store;

/// What `Store::create_customer_in_company` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreatedInCompany {
    pub id: String,
    pub company_id: String,
    /// The organization was new: the book had none of that name.
    pub company_created: bool,
}

impl Store {
    /// Create a person linked to the organization named `company`, creating the organization
    /// when the book has none of that name. One transaction: an invalid person creates no
    /// organization either.
    pub fn create_customer_in_company(&mut self, input: CustomerInput, company: &str) -> Result<CreatedInCompany> {
        let input = normalize(input)?;
        if input.kind != CustomerKind::Person {
            return Err(CoreError::invalid("company", "company_invalid", "only a person belongs to a company"));
        }
        let company = company.trim();
        if company.is_empty() {
            return Err(CoreError::invalid("company", "company_invalid", "the company's name is empty"));
        }
        let row = MappedRow { row: 1, input, company: Some(company.to_string()), warnings: Vec::new() };
        // DuplicatePolicy::Create: the person is new whatever matches; only the company is looked up.
        let plan = plan::plan(self, vec![Ok(row)], DuplicatePolicy::Create)?;
        let planned = plan.creates.first().ok_or_else(|| CoreError::Conflict("nothing to create".into()))?;
        let company_created = !plan.new_organizations.is_empty();
        self.write_with(|tx| {
            let new_orgs = plan
                .new_organizations
                .iter()
                .map(|name| run::create_organization(tx, name))
                .collect::<Result<Vec<_>>>()?;
            let company_id = run::company_id(&planned.company_ref, &[], &new_orgs)
                .ok_or_else(|| CoreError::invalid("company", "company_invalid", format!("no company {company:?}")))?;
            let mut input = planned.input.clone();
            input.company_id = Some(company_id.clone());
            let id = create_in(tx, input)?;
            Ok(CreatedInCompany { id, company_id, company_created })
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::customers::ContactPoint;

    fn store() -> Store {
        Store::open_in_memory(Arc::new(crate::clock::SystemClock)).unwrap()
    }

    fn person(name: &str) -> CustomerInput {
        CustomerInput { name: name.into(), ..Default::default() }
    }

    #[test]
    fn a_new_company_is_created_once_and_then_found_by_its_name() {
        let mut s = store();
        let a = s.create_customer_in_company(person("张三"), "华为技术").unwrap();
        assert!(a.company_created);
        assert_eq!(s.customer(&a.id).unwrap().company_name.as_deref(), Some("华为技术"));
        let b = s.create_customer_in_company(person("李四"), " 华为 技术 ").unwrap();
        assert!(!b.company_created, "the same name written with spaces is the same company, as import compares");
        assert_eq!(b.company_id, a.company_id);
        assert_eq!(s.customer(&a.company_id).unwrap().members.len(), 2);
    }

    #[test]
    fn an_invalid_person_creates_no_company_either() {
        let mut s = store();
        let mut bad = person("王五");
        bad.phones.push(ContactPoint { id: None, label: String::new(), value: "call me".into() });
        let err = s.create_customer_in_company(bad, "新公司").unwrap_err();
        assert_eq!(err.code(), "phone_invalid");
        assert_eq!(s.list_customers(crate::customers::ListScope::Live, 0, 10).unwrap().total, 0);
        let org = CustomerInput { kind: CustomerKind::Organization, ..person("腾讯") };
        assert_eq!(s.create_customer_in_company(org, "x").unwrap_err().code(), "company_invalid");
    }
}
