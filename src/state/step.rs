//! Where the applicant is (the step) and what the widget tells them in passing (a notice).

/// Where the applicant is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Form,
    Review,
    /// Checking a package (from the review page).
    Verify,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Form => "form",
            Step::Review | Step::Verify => "review",
        }
    }
    pub fn parse(s: &str) -> Step {
        if s == "review" {
            Step::Review
        } else {
            Step::Form
        }
    }
}

/// A banner message for the whole widget (import results, storage problems).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}
