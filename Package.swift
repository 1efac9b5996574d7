// swift-tools-version:6.0
import PackageDescription

// Layers (ARCHITECTURE.md): dependencies point down only.
//   vpngw-emulator (CLI) → EmulatorRPC → VPNCore, EmulatorStore → CSQLite
//                        → EmulatorHTTP (knows nothing of Alibaba or VPNs)
//   EmulatorRPC → CCrypto (HMAC-SHA1, SHA-256, HMAC-SHA256 for the signatures)
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "vpngw-emulator",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vpngw-emulator", targets: ["vpngw-emulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto",
                       providers: [.apt(["libssl-dev"])]),
        .target(name: "EmulatorHTTP", swiftSettings: strict),
        .target(name: "VPNCore", swiftSettings: strict),
        .target(name: "EmulatorStore", dependencies: ["CSQLite", "VPNCore"], swiftSettings: strict),
        // The live state page (GET /_emulator/ui) is compiled into the binary: no file to ship.
        .target(name: "EmulatorRPC",
                dependencies: ["EmulatorHTTP", "VPNCore", "EmulatorStore", "CCrypto"],
                resources: [.embedInCode("Control/UI/page.html"), .embedInCode("Control/UI/app.js"),
                            .embedInCode("Control/UI/style.css"), .embedInCode("Control/UI/favicon.svg")],
                swiftSettings: strict),
        .executableTarget(name: "vpngw-emulator",
                          dependencies: ["EmulatorRPC", "EmulatorHTTP", "EmulatorStore", "VPNCore",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),
        .testTarget(name: "EmulatorHTTPTests", dependencies: ["EmulatorHTTP"], swiftSettings: strict),
        .testTarget(name: "VPNCoreTests", dependencies: ["VPNCore"], swiftSettings: strict),
        .testTarget(name: "EmulatorStoreTests", dependencies: ["EmulatorStore", "VPNCore"], swiftSettings: strict),
        .testTarget(name: "EmulatorRPCTests",
                    dependencies: ["EmulatorRPC", "EmulatorHTTP", "EmulatorStore", "VPNCore"],
                    exclude: ["Vectors"],
                    swiftSettings: strict),
    ]
)
