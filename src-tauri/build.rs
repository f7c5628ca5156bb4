fn main() {
    // The crate root is the repository root (root Cargo.toml is the app package), so point
    // tauri-build at the shell's capabilities folder.
    tauri_build::try_build(tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"))
        .expect("tauri-build failed");
}
