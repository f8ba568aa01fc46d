//! A headless egui frame driver: runs UI code on a plain [`egui::Context`] at a fixed window
//! size, feeds it synthetic input and times logic + UI + tessellation, with no GPU.

use std::time::{Duration, Instant};

use egui::{
    Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, Pos2, RawInput, Rect,
    TouchPhase, Vec2, ViewportId, ViewportInfo,
};

/// The benchmark window: 1280×800 logical pixels at 1 pixel per point.
pub const SCREEN_SIZE_PX: Vec2 = Vec2::new(1280.0, 800.0);

/// A display at 60 Hz.
const FRAME_DT_S: f32 = 1.0 / 60.0;

/// What one frame cost and produced.
#[derive(Clone, Copy, Debug)]
pub struct FrameStats {
    /// Wall time of `run_ui` plus `tessellate` on this thread.
    pub cpu: Duration,
    /// The part of `cpu` spent turning shapes into meshes (`tessellate`).
    pub tessellate: Duration,
    pub shapes: usize,
    pub primitives: usize,
}

/// Owns the context and the simulated clock.
pub struct FrameDriver {
    ctx: egui::Context,
    time_s: f64,
}

impl Default for FrameDriver {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameDriver {
    #[must_use]
    pub fn new() -> Self {
        let ctx = egui::Context::default();
        // The fonts the app draws with: without the system's, every script but Latin, Greek
        // and Cyrillic would be measured as boxes.
        crate::ui::fonts::install_system_fonts(&ctx);
        Self { ctx, time_s: 0.0 }
    }

    #[must_use]
    pub fn ctx(&self) -> &egui::Context {
        &self.ctx
    }

    /// Runs one frame with `events`, then tessellates its shapes, and times both.
    pub fn frame(
        &mut self,
        events: Vec<Event>,
        mut ui_fn: impl FnMut(&mut egui::Ui),
    ) -> FrameStats {
        let mut viewports = egui::ViewportIdMap::default();
        viewports.insert(
            ViewportId::ROOT,
            ViewportInfo {
                native_pixels_per_point: Some(1.0),
                focused: Some(true),
                ..ViewportInfo::default()
            },
        );
        let input = RawInput {
            viewport_id: ViewportId::ROOT,
            viewports,
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN_SIZE_PX)),
            time: Some(self.time_s),
            predicted_dt: FRAME_DT_S,
            events,
            focused: true,
            ..RawInput::default()
        };
        self.time_s += f64::from(FRAME_DT_S);
        let started = Instant::now();
        let mut output = self.ctx.run_ui(input, &mut ui_fn);
        let shapes = std::mem::take(&mut output.shapes);
        let shape_count = shapes.len();
        let tessellating = Instant::now();
        let primitives = self.ctx.tessellate(shapes, output.pixels_per_point);
        let tessellate = tessellating.elapsed();
        let cpu = started.elapsed();
        output.drop_without_applying_deltas();
        FrameStats {
            cpu,
            tessellate,
            shapes: shape_count,
            primitives: primitives.len(),
        }
    }
}

/// Synthetic input events, as a windowing backend would send them.
pub mod input {
    use super::{
        Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, Pos2, TouchPhase,
        Vec2,
    };

    #[must_use]
    pub fn pointer_move(pos: Pos2) -> Event {
        Event::PointerMoved(pos)
    }

    #[must_use]
    pub fn pointer_button(pos: Pos2, pressed: bool) -> Event {
        Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        }
    }

    /// A scroll step inside a `Start`…`End` gesture: applied in full this frame, with no
    /// smoothing, so every run scrolls exactly the same distance. The source is a wheel, so the
    /// view stops at the ends instead of rubber-banding past them as a trackpad would.
    /// Negative `dy_px` scrolls the content up (reading on).
    #[must_use]
    pub fn scroll(dy_px: f32, phase: TouchPhase) -> Event {
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: Vec2::new(0.0, dy_px),
            phase,
            source: MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        }
    }

    /// A key press with the text it types, as winit sends for a plain key.
    #[must_use]
    pub fn key_press(key: Key, text: Option<&str>) -> Vec<Event> {
        let mut events = vec![Event::Key {
            key,
            physical_key: Some(key),
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        }];
        if let Some(text) = text {
            events.push(Event::Text(text.to_owned()));
        }
        events
    }

    #[must_use]
    pub fn key_release(key: Key) -> Event {
        Event::Key {
            key,
            physical_key: Some(key),
            pressed: false,
            repeat: false,
            modifiers: Modifiers::NONE,
        }
    }
}

/// Summary statistics of frame times.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Percentiles {
    pub median_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

impl Percentiles {
    /// Nearest-rank percentiles of `times`; all zero when empty.
    #[must_use]
    pub fn of(times: &[Duration]) -> Self {
        let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1000.0).collect();
        ms.sort_by(f64::total_cmp);
        let rank = |p: f64| -> f64 {
            if ms.is_empty() {
                return 0.0;
            }
            // Nearest rank: the smallest value with at least p of the samples at or below it.
            let index = ((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1;
            ms[index]
        };
        Self {
            median_ms: rank(0.5),
            p95_ms: rank(0.95),
            max_ms: ms.last().copied().unwrap_or(0.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let times: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let p = Percentiles::of(&times);
        assert!((p.median_ms - 50.0).abs() < 1e-9);
        assert!((p.p95_ms - 95.0).abs() < 1e-9);
        assert!((p.max_ms - 100.0).abs() < 1e-9);
        assert_eq!(Percentiles::of(&[]).max_ms, 0.0);
    }

    #[test]
    fn driver_runs_and_tessellates_a_frame() {
        let mut driver = FrameDriver::new();
        let mut clicked = 0;
        let mut ui_fn = |ui: &mut egui::Ui| {
            ui.label("hello");
            if ui.button("Press").clicked() {
                clicked += 1;
            }
        };
        let first = driver.frame(Vec::new(), &mut ui_fn);
        assert!(first.shapes > 0);
        assert!(first.primitives > 0);
        assert_eq!(driver.ctx().content_rect().size(), SCREEN_SIZE_PX);
        // Find the button by layout: labels stack from the top-left at default spacing.
        let button_pos = Pos2::new(20.0, 30.0);
        driver.frame(vec![input::pointer_move(button_pos)], &mut ui_fn);
        driver.frame(vec![input::pointer_button(button_pos, true)], &mut ui_fn);
        driver.frame(vec![input::pointer_button(button_pos, false)], &mut ui_fn);
        assert_eq!(clicked, 1);
    }
}
