// swift-tools-version:6.0
import PackageDescription

// Layers (docs/spec/ARCHITECTURE.md); dependencies point down only:
//   vpngw-emulator (CLI) → EmulatorRPC → EmulatorHTTP (knows nothing of Alibaba or VPNs)
//                                      → EmulatorStore → VPNCore, EmulatorJSON, CSQLite
//                                      → VPNCore (the domain: imports nothing of ours)
//                                      → EmulatorJSON (the JSON codec), CCrypto (libcrypto)
// Linux only: the HTTP layer drives epoll itself (EmulatorHTTP), and the container is Linux.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "vpngw-emulator",
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
        .systemLibrary(name: "CEpoll", path: "Sources/CEpoll"),
        .target(name: "EmulatorSync", swiftSettings: strict),
        .target(name: "EmulatorHTTP", dependencies: ["CEpoll", "EmulatorSync"], swiftSettings: strict),
        .target(name: "EmulatorJSON", swiftSettings: strict),
        .target(name: "VPNCore", swiftSettings: strict),
        .target(name: "EmulatorStore", dependencies: ["CSQLite", "VPNCore", "EmulatorJSON", "EmulatorSync"], swiftSettings: strict),
        // The live state page (GET /_emulator/ui) is compiled into the binary: no file to ship.
        .target(name: "EmulatorRPC",
                dependencies: ["EmulatorHTTP", "EmulatorJSON", "VPNCore", "EmulatorStore", "EmulatorSync", "CCrypto"],
                resources: [.embedInCode("Control/UI/page.html"), .embedInCode("Control/UI/app.js"),
                            .embedInCode("Control/UI/style.css"), .embedInCode("Control/UI/favicon.svg")],
                swiftSettings: strict),
        .executableTarget(name: "vpngw-emulator",
                          dependencies: ["EmulatorRPC", "EmulatorHTTP", "EmulatorStore", "EmulatorJSON", "EmulatorSync", "VPNCore",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          resources: [.embedInCode("Resources/default-fixture.json")],
                          swiftSettings: strict),
        // Fuzz targets (scripts/fuzz/run): libFuzzer drivers when built with -D FUZZING and
        // -sanitize=fuzzer; corpus-replay executables in an ordinary build.
        .systemLibrary(name: "CFuzzer", path: "Sources/CFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzer"], path: "Sources/FuzzSupport", swiftSettings: strict),
        .executableTarget(name: "fuzz-http-parser", dependencies: ["EmulatorHTTP", "FuzzSupport"],
                          path: "Sources/FuzzHTTPParser", swiftSettings: strict),
        .executableTarget(name: "fuzz-rpc-parameters", dependencies: ["EmulatorRPC", "VPNCore", "FuzzSupport"],
                          path: "Sources/FuzzRPCParameters", swiftSettings: strict),
        .testTarget(name: "EmulatorHTTPTests", dependencies: ["EmulatorHTTP"], swiftSettings: strict),
        .testTarget(name: "EmulatorJSONTests", dependencies: ["EmulatorJSON"], swiftSettings: strict),
        .testTarget(name: "VPNCoreTests", dependencies: ["VPNCore"], swiftSettings: strict),
        .testTarget(name: "EmulatorStoreTests", dependencies: ["EmulatorStore", "EmulatorJSON", "VPNCore"],
                    exclude: ["Data"], swiftSettings: strict),
        .testTarget(name: "EmulatorRPCTests",
                    dependencies: ["EmulatorRPC", "EmulatorHTTP", "EmulatorStore", "EmulatorJSON", "VPNCore"],
                    exclude: ["Vectors"],
                    swiftSettings: strict),
    ]
)
