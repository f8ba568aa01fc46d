//! The icon: the committed PNGs are renderings of `assets/icons/stance.svg`, so the desktop
//! menu, the file manager and the window show one picture at every size.
//!
//! After changing the SVG, re-render the PNGs with
//! `STANCE_BLESS=1 cargo test --test icons` and look at them.
#![allow(clippy::unwrap_used, reason = "a test fails by panicking")]

use std::path::{Path, PathBuf};

use resvg::tiny_skia::{Pixmap, Transform};
use stance::ui::icon;

fn png_path(size: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/icons/stance-{size}.png"))
}

fn render(size: u32) -> Pixmap {
    let tree = resvg::usvg::Tree::from_str(icon::SVG, &resvg::usvg::Options::default()).unwrap();
    let mut pixmap = Pixmap::new(size, size).unwrap();
    #[expect(
        clippy::cast_precision_loss,
        reason = "icon sizes are at most 512 px, exact in f32"
    )]
    let scale = size as f32 / tree.size().width();
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
}

#[test]
fn the_svg_is_a_square_icon() {
    let tree = resvg::usvg::Tree::from_str(icon::SVG, &resvg::usvg::Options::default()).unwrap();
    assert_eq!(tree.size().width(), tree.size().height());
    assert!(icon::SVG.contains("<title>Stance</title>"));
}

#[test]
fn every_png_is_the_svg_rendered_at_its_size() {
    let bless = std::env::var_os("STANCE_BLESS").is_some();
    for &(size, committed) in &icon::PNGS {
        let rendered = render(size);
        if bless {
            rendered.save_png(png_path(size)).unwrap();
            continue;
        }
        let committed = Pixmap::decode_png(committed).unwrap();
        assert_eq!(
            (committed.width(), committed.height()),
            (size, size),
            "{}",
            png_path(size).display()
        );
        // A newer renderer may round a few edge pixels differently; a changed drawing
        // differs by far more than this.
        let off = committed
            .data()
            .iter()
            .zip(rendered.data())
            .filter(|(a, b)| a.abs_diff(**b) > 8)
            .count();
        assert!(
            off * 100 <= committed.data().len(),
            "{} is not the SVG rendered at {size} px ({off} channel values differ); \
             re-render with STANCE_BLESS=1 cargo test --test icons",
            png_path(size).display()
        );
    }
}

#[test]
fn the_window_icon_decodes() {
    let icon = stance::ui::icon::window_icon().unwrap();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    // Corners are transparent (the tile is rounded), the middle is the opaque page.
    assert_eq!(icon.rgba[3], 0);
    let middle = (128 * 256 + 128) * 4;
    assert_eq!(icon.rgba[middle + 3], 255);
}
