//! The arguments every per-customer record listing takes (`interactions list`, `orders list`,
//! `complaints list`).

use clap::Args;
use fieldbook_core::records::RecordScope;

#[derive(Args)]
pub struct RecordListArgs {
    #[arg(long)]
    pub customer: String,
    /// The Trash instead of live records.
    #[arg(long)]
    pub trash: bool,
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    #[arg(long, default_value_t = 50)]
    pub limit: u64,
}

impl RecordListArgs {
    pub fn scope(&self) -> RecordScope {
        if self.trash {
            RecordScope::Trash
        } else {
            RecordScope::Live
        }
    }
}
