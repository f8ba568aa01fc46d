//! What `stance desktop install` writes under an XDG data folder: the desktop entry
//! (freedesktop Desktop Entry spec, version 1.4 keys), the icon in the hicolor theme (Icon Theme spec), and
//! the project file type (shared-mime-info spec), each at its path relative to the folder.

use std::path::PathBuf;

use thiserror::Error;

/// The name everything is installed under: the desktop file's id (it matches the window's
/// Wayland app id, so shells pair the window with the entry), the icon and the binary.
pub const APP_ID: &str = "stance";

/// The MIME type of Stance project files.
pub const PROJECT_MIME_TYPE: &str = "application/x-stance-project";

/// How every project file Stance writes begins: `io::project_file` writes pretty RON with
/// `format` as the first field, indented four spaces, `\n` line ends on every OS (a test
/// checks this against a real save). Format 1 files begin the same way.
pub const PROJECT_FILE_OPENING: &str = "(\n    format: ";

/// One file of the desktop integration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstallFile {
    /// Relative to the data folder, e.g. `applications/stance.desktop`.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The program path cannot go into a desktop entry's `Exec` key.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ExecError {
    #[error("the program path is empty")]
    Empty,
    #[error("the program path {0:?} has a control character, which a desktop entry cannot hold")]
    ControlCharacter(String),
}

/// Every file to install, for a desktop entry that runs `program` (an absolute path, or a
/// name found on `PATH` such as `stance`).
///
/// # Errors
/// `program` cannot be written in an `Exec` key.
pub fn install_files(program: &str) -> Result<Vec<InstallFile>, ExecError> {
    let mut files = vec![
        InstallFile {
            path: desktop_entry_path(),
            bytes: desktop_entry(program)?.into_bytes(),
        },
        InstallFile {
            path: mime_package_path(),
            bytes: mime_package().into_bytes(),
        },
        InstallFile {
            path: PathBuf::from(format!("icons/hicolor/scalable/apps/{APP_ID}.svg")),
            bytes: crate::ui::icon::SVG.as_bytes().to_vec(),
        },
    ];
    for (size, png) in crate::ui::icon::PNGS {
        files.push(InstallFile {
            path: PathBuf::from(format!("icons/hicolor/{size}x{size}/apps/{APP_ID}.png")),
            bytes: png.to_vec(),
        });
    }
    Ok(files)
}

/// Where the desktop entry goes; its file name is the desktop file id.
#[must_use]
pub fn desktop_entry_path() -> PathBuf {
    PathBuf::from(format!("applications/{APP_ID}.desktop"))
}

/// Where the MIME package goes; `update-mime-database` compiles the folder's packages.
#[must_use]
pub fn mime_package_path() -> PathBuf {
    PathBuf::from(format!("mime/packages/{APP_ID}.xml"))
}

/// The desktop entry. `%f`: Stance opens one file per window, so a file manager that is given
/// several starts one Stance for each.
///
/// # Errors
/// `program` cannot be written in an `Exec` key.
pub fn desktop_entry(program: &str) -> Result<String, ExecError> {
    let exec = exec_argument(program)?;
    let try_exec = escape_string_value(program);
    Ok(format!(
        "[Desktop Entry]
Type=Application
Version=1.4
Name=Stance
GenericName=Annotation Workbench
Comment=Annotate claims, positions and concessions in news about negotiations
Keywords=annotation;negotiation;news;claim;position;concession;stance;brat;corpus;
Icon={APP_ID}
TryExec={try_exec}
Exec={exec} %f
Terminal=false
Categories=Office;
MimeType={PROJECT_MIME_TYPE};
StartupNotify=true
StartupWMClass={APP_ID}
"
    ))
}

/// The shared-mime-info package for project files.
///
/// Recognised by content: the opening every saved project has, then its second field,
/// `title`, within a few bytes. There is deliberately no `*.ron` glob: other programs (game
/// engines, configuration) use `.ron` too, and a file name with a single glob match is
/// decided by its name alone, so that glob would claim every RON file for Stance. Without it,
/// a `.ron` file is sniffed, and only Stance's own are Stance projects; others stay text.
#[must_use]
pub fn mime_package() -> String {
    let opening = c_escape(PROJECT_FILE_OPENING);
    // A project saved with `\r\n` line ends (a Windows checkout with autocrlf) is one too.
    let opening_crlf = c_escape(&PROJECT_FILE_OPENING.replace('\n', "\r\n"));
    // The format number (1 to 5 digits) stands between the opening and `title`.
    let digits_from = PROJECT_FILE_OPENING.len() + 1;
    let title_lf = format!("{}:{}", digits_from, digits_from + 4);
    let title_crlf = format!("{}:{}", digits_from + 1, digits_from + 1 + 4);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{PROJECT_MIME_TYPE}">
    <comment>Stance project</comment>
    <sub-class-of type="text/plain"/>
    <icon name="{APP_ID}"/>
    <magic priority="80">
      <match type="string" offset="0" value="{opening}">
        <match type="string" offset="{title_lf}" value=",\n    title: "/>
      </match>
      <match type="string" offset="0" value="{opening_crlf}">
        <match type="string" offset="{title_crlf}" value=",\r\n    title: "/>
      </match>
    </magic>
  </mime-type>
</mime-info>
"#
    )
}

/// `s` with `\n` and `\r` written as shared-mime-info's C escapes, ready for an XML
/// attribute (the opening has no `<`, `&` or `"`).
fn c_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// `program` as the first argument of an `Exec` key: quoted when it has a reserved
/// character, with the Exec escapes inside quotes, then the string-value escapes, and `%`
/// doubled (Desktop Entry spec, "The Exec key").
fn exec_argument(program: &str) -> Result<String, ExecError> {
    if program.is_empty() {
        return Err(ExecError::Empty);
    }
    if program.chars().any(char::is_control) {
        return Err(ExecError::ControlCharacter(program.to_owned()));
    }
    const RESERVED: &[char] = &[
        ' ', '\t', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(', ')', '`',
    ];
    let argument = if program.contains(RESERVED) {
        let mut quoted = String::from("\"");
        for c in program.chars() {
            if matches!(c, '"' | '`' | '$' | '\\') {
                quoted.push('\\');
            }
            quoted.push(c);
        }
        quoted.push('"');
        quoted
    } else {
        program.to_owned()
    };
    Ok(escape_string_value(&argument).replace('%', "%%"))
}

/// The escapes of a desktop entry string value: a backslash is written `\\`.
fn escape_string_value(value: &str) -> String {
    value.replace('\\', "\\\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_path_is_written_as_it_is() {
        assert_eq!(exec_argument("/usr/bin/stance").unwrap(), "/usr/bin/stance");
        assert_eq!(exec_argument("stance").unwrap(), "stance");
    }

    #[test]
    fn a_path_with_spaces_or_specials_is_quoted_and_escaped() {
        assert_eq!(
            exec_argument("/home/a b/stance").unwrap(),
            "\"/home/a b/stance\""
        );
        // `$` is escaped inside quotes (`\$`), then the backslash for the string value.
        assert_eq!(
            exec_argument("/opt/$x/stance").unwrap(),
            "\"/opt/\\\\$x/stance\""
        );
        assert_eq!(
            exec_argument("/opt/100%/stance").unwrap(),
            "/opt/100%%/stance"
        );
        assert_eq!(
            exec_argument("/opt/a\"b/stance").unwrap(),
            "\"/opt/a\\\\\"b/stance\""
        );
    }

    #[test]
    fn a_path_a_desktop_entry_cannot_hold_is_refused() {
        assert_eq!(exec_argument(""), Err(ExecError::Empty));
        assert!(matches!(
            exec_argument("/opt/a\nb"),
            Err(ExecError::ControlCharacter(_))
        ));
    }

    #[test]
    fn the_entry_opens_a_file_and_names_its_icon_and_type() {
        let entry = desktop_entry("/opt/stance/bin/stance").unwrap();
        assert!(entry.starts_with("[Desktop Entry]\n"));
        let keys: Vec<(&str, &str)> = entry
            .lines()
            .skip(1)
            .map(|line| line.split_once('=').unwrap())
            .collect();
        let value = |key: &str| {
            keys.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| *v)
                .unwrap()
        };
        assert_eq!(value("Exec"), "/opt/stance/bin/stance %f");
        assert_eq!(value("TryExec"), "/opt/stance/bin/stance");
        assert_eq!(value("Icon"), APP_ID);
        assert_eq!(value("MimeType"), "application/x-stance-project;");
        assert!(value("Categories").ends_with(';'));
        let mut names: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), keys.len(), "no key twice");
    }

    #[test]
    fn the_files_are_the_entry_the_type_and_every_icon_size() {
        let files = install_files("stance").unwrap();
        let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
        assert!(paths.contains(&"applications/stance.desktop".to_owned()));
        assert!(paths.contains(&"mime/packages/stance.xml".to_owned()));
        assert!(paths.contains(&"icons/hicolor/scalable/apps/stance.svg".to_owned()));
        for size in [16, 24, 32, 48, 64, 128, 256, 512] {
            assert!(paths.contains(&format!("icons/hicolor/{size}x{size}/apps/stance.png")));
        }
        assert_eq!(paths.len(), 11);
    }

    #[test]
    fn a_saved_project_begins_with_the_opening_the_mime_type_matches() {
        let project = crate::model::Project::new("Talks");
        let text = crate::io::formats::ron::project_to_ron(&project).unwrap();
        assert!(text.starts_with(PROJECT_FILE_OPENING), "{text:.40}");
        let after_number =
            text[PROJECT_FILE_OPENING.len()..].trim_start_matches(|c: char| c.is_ascii_digit());
        assert!(after_number.starts_with(",\n    title: "), "{text:.40}");
    }
}
