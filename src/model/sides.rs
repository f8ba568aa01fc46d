//! Sides: the party an actor speaks for. An actor's [`Actor::side`] names another actor
//! (Yuri Ushakov → the Kremlin → Russia); the side it rolls up to is the root of that chain,
//! and an actor with no side is its own side. Chains never make a cycle: the actor edits
//! refuse one, and [`Project::problems`] reports one a file brings.

use std::collections::HashSet;

use super::{Actor, ActorId, Annotation, Project};

impl Project {
    /// The side `actor` rolls up to: the root of its side chain, or itself when it has no
    /// side. A chain that breaks (a side that is not an actor) or loops (a broken file) ends
    /// at the last actor reached before the break.
    #[must_use]
    pub fn side_of(&self, actor: ActorId) -> ActorId {
        let mut at = actor;
        let mut seen = HashSet::new();
        while seen.insert(at) {
            match self.actor(at).and_then(|a| a.side) {
                Some(next) if self.actor(next).is_some() => at = next,
                _ => break,
            }
        }
        at
    }

    /// The sides of an annotation's holders, once each, in holder order: a joint statement
    /// counts for each holder's side.
    #[must_use]
    pub fn holder_sides(&self, a: &Annotation) -> Vec<ActorId> {
        let mut sides = Vec::with_capacity(a.holders.len());
        for &holder in &a.holders {
            let side = self.side_of(holder);
            if !sides.contains(&side) {
                sides.push(side);
            }
        }
        sides
    }

    /// The actors whose side is `side` directly (not through a chain), in project order.
    pub fn side_members(&self, side: ActorId) -> impl Iterator<Item = &Actor> + '_ {
        self.actors().iter().filter(move |a| a.side == Some(side))
    }

    /// True if some actor names `actor` as its side (a lookup in the index).
    #[must_use]
    pub fn is_a_side(&self, actor: ActorId) -> bool {
        self.index().side_member_count(actor) > 0
    }

    /// True if giving `actor` the side `side` would make a cycle: `side` is `actor`, or
    /// `actor` is on `side`'s chain.
    #[must_use]
    pub fn side_would_cycle(&self, actor: ActorId, side: ActorId) -> bool {
        let mut at = side;
        let mut seen = HashSet::new();
        loop {
            if at == actor {
                return true;
            }
            if !seen.insert(at) {
                // A loop already in the file that does not pass through `actor`.
                return false;
            }
            match self.actor(at).and_then(|a| a.side) {
                Some(next) => at = next,
                None => return false,
            }
        }
    }

    /// Actors on a cycle of sides (a broken file), once each, in project order.
    #[must_use]
    pub fn side_cycles(&self) -> Vec<ActorId> {
        (self.actors().iter())
            .filter(|a| a.side.is_some_and(|side| self.side_would_cycle(a.id, side)))
            .map(|a| a.id)
            .collect()
    }
}
