//! localStorage access with errors turned into data (quota exceeded, storage disabled).

/// Why a value could not be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage quota is full.
    Quota,
    /// Storage is disabled or unavailable (private mode, policy).
    Unavailable,
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

pub fn set(key: &str, value: &str) -> Result<(), StoreError> {
    let s = local().ok_or(StoreError::Unavailable)?;
    s.set_item(key, value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        if name.contains("Quota") {
            StoreError::Quota
        } else {
            StoreError::Unavailable
        }
    })
}

pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}
