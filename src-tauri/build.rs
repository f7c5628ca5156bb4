//! Builds the Tauri context, and declares the IPC command list once: every
//! `#[tauri::command]` function in `src-tauri/src/commands/<area>.rs` is read here, so
//! - the handler list (`generate_handler!`) is generated, never written by hand;
//! - a command's name must start with its file's area (`customers_list` in `customers.rs`);
//! - the TypeScript map of names, argument and result types is generated for the UI's typed
//!   `call` (copied to ui/src/api/bindings/commands.ts by the `command_map` test).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    // The crate root is the repository root (root Cargo.toml is the app package), so point
    // tauri-build at the shell's capabilities folder.
    tauri_build::try_build(tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"))
        .expect("tauri-build failed");

    // Release builds: the linker (rust-lld, Rust's default on x86_64 Linux) folds identical
    // functions whose address nothing compares ("safe": C code without address-significance
    // tables is left alone). Part of keeping the app under its size budget (BENCHMARKS.md).
    if std::env::var("PROFILE").as_deref() == Ok("release")
        && std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
    {
        println!("cargo:rustc-link-arg-bins=-Wl,--icf=safe");
    }

    let dir = Path::new("src-tauri/src/commands");
    println!("cargo:rerun-if-changed={}", dir.display());
    let commands = read_commands(dir);
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("command_handler.rs"), handler(&commands)).expect("write command_handler.rs");
    std::fs::write(out.join("commands.ts"), typescript(&commands)).expect("write commands.ts");
}

struct Command {
    area: String,
    name: String,
    /// (camelCase name as the UI sends it, TypeScript type, optional)
    args: Vec<(String, String, bool)>,
    result: String,
}

fn read_commands(dir: &Path) -> Vec<Command> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read commands/")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && p.file_stem().is_some_and(|s| s != "mod"))
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for path in files {
        let area = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).expect("read command file");
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for item in file.items {
            let syn::Item::Fn(f) = item else { continue };
            let is_command = f.attrs.iter().any(|a| a.path().segments.last().is_some_and(|s| s.ident == "command"));
            if !is_command {
                continue;
            }
            let name = f.sig.ident.to_string();
            assert!(
                name.starts_with(&format!("{area}_")),
                "{}: command {name} belongs in commands/<its prefix>.rs; commands in {area}.rs are named {area}_*",
                path.display()
            );
            let mut args = Vec::new();
            for input in &f.sig.inputs {
                let syn::FnArg::Typed(arg) = input else { continue };
                let syn::Pat::Ident(ident) = &*arg.pat else { panic!("{name}: argument patterns must be plain names") };
                if is_injected(&arg.ty) {
                    continue;
                }
                let (ty, optional) = match option_inner(&arg.ty) {
                    Some(inner) => (format!("{} | null", ts(inner)), true),
                    None => (ts(&arg.ty), false),
                };
                args.push((camel(&ident.ident.to_string()), ty, optional));
            }
            let result = match &f.sig.output {
                syn::ReturnType::Default => "null".to_string(),
                syn::ReturnType::Type(_, ty) => ts(generic_of(ty, "CommandResult").unwrap_or(ty)),
            };
            commands.push(Command { area: area.clone(), name, args, result });
        }
    }
    commands
}

fn handler(commands: &[Command]) -> String {
    let paths: Vec<String> = commands.iter().map(|c| format!("crate::commands::{}::{}", c.area, c.name)).collect();
    format!("tauri::generate_handler![\n    {},\n]\n", paths.join(",\n    "))
}

fn typescript(commands: &[Command]) -> String {
    let mut imports = std::collections::BTreeSet::new();
    let mut body = String::new();
    for c in commands {
        let args = if c.args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            let fields: Vec<String> = c
                .args
                .iter()
                .map(|(name, ty, optional)| format!("{name}{}: {ty}", if *optional { "?" } else { "" }))
                .collect();
            format!("{{ {} }}", fields.join("; "))
        };
        for ty in c.args.iter().map(|a| &a.1).chain([&c.result]) {
            collect_names(ty, &mut imports);
        }
        writeln!(body, "  {}: {{ args: {args}; result: {} }};", c.name, c.result).unwrap();
    }
    let mut out = String::from(
        "// Generated by src-tauri/build.rs from the #[tauri::command] functions in src-tauri/src/commands/.\n\
         // Do not edit: `cargo test` rewrites it, and the test command fails if it is stale.\n",
    );
    for name in imports {
        writeln!(out, "import type {{ {name} }} from \"./{name}\";").unwrap();
    }
    out.push_str(
        "\n/** Every IPC command: its arguments (as the UI sends them) and its result. */\nexport type Commands = {\n",
    );
    out.push_str(&body);
    out.push_str("};\n");
    out
}

/// Arguments Tauri fills in itself, not the UI.
fn is_injected(ty: &syn::Type) -> bool {
    last_ident(ty).is_some_and(|i| ["State", "AppHandle", "Window", "WebviewWindow"].contains(&i.as_str()))
}

fn last_segment(ty: &syn::Type) -> Option<&syn::PathSegment> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last(),
        syn::Type::Reference(r) => last_segment(&r.elem),
        _ => None,
    }
}

fn last_ident(ty: &syn::Type) -> Option<String> {
    last_segment(ty).map(|s| s.ident.to_string())
}

fn type_args(ty: &syn::Type) -> Vec<&syn::Type> {
    match last_segment(ty).map(|s| &s.arguments) {
        Some(syn::PathArguments::AngleBracketed(a)) => a
            .args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => vec![],
    }
}

fn generic_of<'a>(ty: &'a syn::Type, wrapper: &str) -> Option<&'a syn::Type> {
    (last_ident(ty).as_deref() == Some(wrapper)).then(|| type_args(ty).into_iter().next()).flatten()
}

fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    generic_of(ty, "Option")
}

/// The TypeScript spelling of a Rust argument or result type, as serde sends it.
fn ts(ty: &syn::Type) -> String {
    if let syn::Type::Tuple(t) = ty {
        assert!(t.elems.is_empty(), "tuples do not cross IPC here");
        return "null".into();
    }
    let name = last_ident(ty).unwrap_or_else(|| panic!("unsupported IPC type"));
    let args = type_args(ty);
    match name.as_str() {
        "String" | "str" | "NaiveDate" | "NaiveTime" => "string".into(),
        "bool" => "boolean".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "f32" | "f64" => {
            "number".into()
        }
        "Option" => format!("{} | null", ts(args[0])),
        "Vec" => format!("Array<{}>", ts(args[0])),
        "BTreeMap" | "HashMap" => format!("Record<{}, {}>", ts(args[0]), ts(args[1])),
        // Decoded by the core from raw JSON (so a malformed amount is a coded field error).
        "Json" => ts(args[0]),
        _ => {
            assert!(args.is_empty(), "{name}<…>: teach build.rs this generic IPC type");
            name
        }
    }
}

/// Names of generated binding types used in a TypeScript type.
fn collect_names(ty: &str, names: &mut std::collections::BTreeSet<String>) {
    for word in ty.split(|c: char| !c.is_alphanumeric() && c != '_') {
        if word.starts_with(|c: char| c.is_ascii_uppercase()) && !["Array", "Record"].contains(&word) {
            names.insert(word.to_string());
        }
    }
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}
