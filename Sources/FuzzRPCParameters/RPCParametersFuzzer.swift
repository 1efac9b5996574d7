// Coverage-guided fuzz target for the RPC parameter decoder, `RPCParameters(query:form:)`
// (scripts/fuzz/run rpc-parameters SECONDS). Built with `-sanitize=fuzzer,address -D FUZZING`,
// libFuzzer drives `LLVMFuzzerTestOneInput`; without FUZZING this is a corpus-replay executable
// (RPCParametersCorpusReplay.swift).
import EmulatorRPC
import VPNCore

/// One input: the first byte says where the rest splits into the query string (decoded as UTF-8,
/// invalid bytes replaced, as a `Substring` like `HTTPRequest.query`) and the form body (raw
/// bytes; absent when the byte's top bit is set). Checks, besides never crashing:
/// - a failure is `param.encoding` or `param.duplicate`, nothing else;
/// - on success every received pair is in the merge with its value, and the merge has no other
///   name;
/// - the decoded pairs, percent-encoded again (RFC 3986 unreserved kept), decode to the same
///   pairs in the same order.
enum RPCParametersFuzzer {
    static func run(_ input: UnsafeRawBufferPointer) {
        guard let control = input.first else { return }
        let bytes = Array(input.dropFirst())
        let split = bytes.isEmpty ? 0 : Int(control & 0x7F) % (bytes.count + 1)
        let query = String(decoding: bytes[..<split], as: UTF8.self)
        let form: [UInt8]? = control & 0x80 == 0 ? Array(bytes[split...]) : nil

        let parameters: RPCParameters
        do {
            parameters = try RPCParameters(query: query[...], form: form)
        } catch {
            guard error.ruleId == "param.encoding" || error.ruleId == "param.duplicate" else {
                fatalError("unexpected rule \(error.ruleId)")
            }
            return
        }

        let pairs = parameters.queryPairs + parameters.formPairs
        for pair in pairs where parameters.merged[pair.name] != pair.value {
            fatalError("merge lost \(pair.name)=\(pair.value): \(String(describing: parameters.merged[pair.name]))")
        }
        guard Set(pairs.map(\.name)) == Set(parameters.merged.keys) else { fatalError("merge has other names") }

        let reencoded = pairs.map { encode($0.name) + "=" + encode($0.value) }.joined(separator: "&")
        do {
            let again = try RPCParameters(query: reencoded[...], form: nil)
            guard again.queryPairs == pairs else { fatalError("round trip changed the pairs: \(pairs) → \(again.queryPairs)") }
        } catch {
            fatalError("round trip of \(pairs) failed: \(error.ruleId)")
        }
    }

    /// RFC 3986 §2.3: unreserved bytes kept, every other byte `%XX`.
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
