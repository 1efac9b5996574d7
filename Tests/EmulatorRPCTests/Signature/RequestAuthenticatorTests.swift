import Testing
import Foundation
import EmulatorHTTP
import VPNCore
@testable import EmulatorRPC

@Suite struct RequestAuthenticatorTests {
    static func authenticator(clock: ManualClock = ManualClock(VectorFile.signingTime)) -> RequestAuthenticator {
        let credentials = CredentialDirectory()
        credentials.install(.init(keys: [VectorFile.accessKeyId: .init(secret: VectorFile.secret,
                                                                        caller: Caller(accountId: "1", accessKeyId: VectorFile.accessKeyId))],
                                  defaultAccountId: "1"))
        return RequestAuthenticator(credentials: credentials, nonces: NonceLedger(), clock: clock)
    }

    static func authenticate(_ request: HTTPRequest, with auth: RequestAuthenticator) throws(RuleError) -> Caller {
        let form = request.headers["Content-Type"]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true ? request.body : nil
        let params = try RPCParameters(query: request.query, form: form)
        return try auth.authenticate(.init(parameters: params, headers: request.headers), method: request.method, parameters: params,
                                     headers: request.headers, body: request.body, mode: .verify)
    }

    @Test(arguments: try! VectorFile.all().map(\.name))
    func everyCapturedSDKRequestVerifies(name: String) throws {
        let vector = try VectorFile.load(name)
        let caller = try Self.authenticate(vector.request, with: Self.authenticator())
        #expect(caller.accessKeyId == VectorFile.accessKeyId)
    }

    /// Changing one character of a signed parameter value must break the signature.
    @Test(arguments: try! VectorFile.all().map(\.name))
    func aChangedSignedValueFails(name: String) throws {
        var request = try VectorFile.load(name).request
        if !request.body.isEmpty {
            request.body[request.body.count - 1] = UInt8(ascii: "X")   // the form body's last value
        } else {
            request.target = request.target.replacingOccurrences(of: "RegionId=cn-hangzhou", with: "RegionId=cn-hangzhoX")
        }
        do {
            _ = try Self.authenticate(request, with: Self.authenticator())
            Issue.record("accepted a changed request")
        } catch {
            #expect(error.code == "SignatureDoesNotMatch")
            #expect(error.message.contains("server string to sign is:"))
        }
    }

    @Test func v1StringToSignMatchesTheWorkedExample() throws {
        let vector = try VectorFile.load("v1_core_DescribeVpnGateway.txt")
        let params = try RPCParameters(query: vector.request.query, form: nil)
        let expected = "POST&%2F&AccessKeyId%3DLTAI5tTESTACCESSKEYID%26Action%3DDescribeVpnGateway%26Format%3DJSON%26IncludeReservationData%3DTrue%26RegionId%3Dcn-hangzhou%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D87f1d2792256c8b05ec94a035069973b%26SignatureType%3D%26SignatureVersion%3D1.0%26Timestamp%3D2026-11-22T03%253A46%253A37Z%26Version%3D2016-04-28%26VpnGatewayId%3Dvpn-bp1abcdefg0123456789"
        #expect(SignatureV1.stringToSign(method: "POST", pairs: params.queryPairs) == expected)
        #expect(SignatureV1.signature(stringToSign: expected, secret: VectorFile.secret) == "d3aK0Wew01ctS58OI/pEVJdVEdg=")
    }

    @Test func v3CanonicalRequestHashMatchesTheWorkedExample() throws {
        let r = try VectorFile.load("v3_tea_CreateVpnRouteEntry.txt").request
        let params = try RPCParameters(query: r.query, form: nil)
        let auth = try #require(SignatureV3.Authorization(r.headers["Authorization"]!))
        let canonical = SignatureV3.canonicalRequest(method: "POST", queryPairs: params.queryPairs, headers: r.headers,
                                                     signedHeaders: auth.signedHeaders, hashedPayload: SignatureV3.emptyBodyHash)
        #expect(SignatureV3.stringToSign(canonicalRequest: canonical)
                == "ACS3-HMAC-SHA256\n21c48e1b8ae0a36cf8b4deb79cf2c9a4af7141c940412ee463b4592d49742ae0")
        #expect(canonical.contains("Description=desc%20with%20space%2A~%2F"))
    }

    @Test func aReplayedNonceIsRefused() throws {
        let auth = Self.authenticator()
        let r = try VectorFile.load("v3_tea_DescribeVpnGateway.txt").request
        _ = try Self.authenticate(r, with: auth)
        #expect(throws: ProtocolRules.authNonceReused.error()) { try Self.authenticate(r, with: auth) }
    }

    @Test func anExpiredTimestampIsRefusedAfterTheSignature() throws {
        let r = try VectorFile.load("v1_tea_DescribeVpnGateway.txt").request
        let auth = Self.authenticator(clock: ManualClock(VectorFile.signingTime + 16 * 60 * 1000))
        #expect(throws: ProtocolRules.authTimestampExpired.error()) { try Self.authenticate(r, with: auth) }
    }

    @Test func anUnknownKeyIsNotFound() throws {
        var r = try VectorFile.load("v1_core_DescribeVpnGateway.txt").request
        r.target = r.target.replacingOccurrences(of: "LTAI5tTESTACCESSKEYID", with: "LTAI5tNOBODY")
        #expect(throws: ProtocolRules.authKeyUnknown.error()) { try Self.authenticate(r, with: Self.authenticator()) }
    }

    @Test func missingV1ParametersAreNamedInOrder() throws {
        let auth = Self.authenticator()
        let empty = HTTPRequest(method: "POST", target: "/?Action=DescribeVpnGateway&SignatureType=")
        #expect(throws: ProtocolRules.authMissing.error(name: "AccessKeyId")) { try Self.authenticate(empty, with: auth) }
        let some = HTTPRequest(method: "POST", target: "/?AccessKeyId=LTAI5tTESTACCESSKEYID&Signature=abc")
        #expect(throws: ProtocolRules.authMissing.error(name: "SignatureMethod")) { try Self.authenticate(some, with: auth) }
    }

    @Test func anUnsignedAcsHeaderIsIncomplete() throws {
        var r = try VectorFile.load("v3_tea_DescribeVpnGateway.txt").request
        r.headers.add(name: "x-acs-extra", value: "1")
        #expect(throws: ProtocolRules.authIncomplete.error()) { try Self.authenticate(r, with: Self.authenticator()) }
    }

    @Test func aWrongBodyHashIsSignatureDoesNotMatch() throws {
        var r = try VectorFile.load("v3_tea_DescribeVpnGateway.txt").request
        r.body = Array("x".utf8)
        do {
            _ = try Self.authenticate(r, with: Self.authenticator())
            Issue.record("accepted a body that does not match x-acs-content-sha256")
        } catch {
            #expect(error.rule.id == "auth.content-hash")
        }
    }
}

