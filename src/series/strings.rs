//! The strings a run's summaries repeat (indicator keys and names, figures as written, units),
//! each held once for the run: a statement refers to a string by a 4-byte id and to its unit
//! by a shared pointer. Every file's summary is held until all are read, so what a statement
//! costs is what a run of many files costs.

use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::FxHashMap;

use crate::lexicon::Unit;

/// A string of the run's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sym(u32);

/// The run's strings, shared by the threads that summarise documents.
#[derive(Debug, Default)]
pub struct Strings {
    table: Mutex<Table>,
}

impl Strings {
    /// The table, for as long as the guard lives (a panic elsewhere leaves it usable).
    pub fn lock(&self) -> MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[derive(Debug, Default)]
pub struct Table {
    ids: FxHashMap<Arc<str>, Sym>,
    list: Vec<Arc<str>>,
    units: FxHashMap<String, Vec<Arc<Unit>>>,
}

impl Table {
    /// The id of `s`, added when new.
    pub fn sym(&mut self, s: &str) -> Sym {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        // Past 4 billion distinct strings, the last id is reused (read as empty).
        let id = Sym(u32::try_from(self.list.len()).unwrap_or(u32::MAX));
        let shared: Arc<str> = Arc::from(s);
        self.list.push(shared.clone());
        self.ids.insert(shared, id);
        id
    }

    /// The string of an id ("" for none of this table's).
    pub fn get(&self, s: Sym) -> &str {
        usize::try_from(s.0).ok().and_then(|i| self.list.get(i)).map_or("", |s| s)
    }

    /// The shared copy of a unit.
    pub fn unit(&mut self, u: &Unit) -> Arc<Unit> {
        let same = self.units.entry(u.text.clone()).or_default();
        match same.iter().find(|x| ***x == *u) {
            Some(x) => x.clone(),
            None => {
                let x = Arc::new(u.clone());
                same.push(x.clone());
                x
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_is_held_once() {
        let strings = Strings::default();
        let mut t = strings.lock();
        let a = t.sym("thu ngân sách");
        let b = t.sym("vốn đầu tư");
        assert_eq!(t.sym("thu ngân sách"), a);
        assert_ne!(a, b);
        assert_eq!((t.get(a), t.get(b)), ("thu ngân sách", "vốn đầu tư"));
        assert_eq!(t.list.len(), 2);
    }
}
