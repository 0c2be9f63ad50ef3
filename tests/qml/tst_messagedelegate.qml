import QtQuick
import QtTest
import "../../qml/components"

Item {
    id: top
    width: 600
    height: 400

    Component {
        id: delegateComponent
        MessageDelegate {
            width: 600
            text: "hello"
            from: "alice"
            time: new Date(2024, 0, 2, 9, 30)
            clientId: "c-42"
        }
    }

    SignalSpy {
        id: retrySpy
        signalName: "retryRequested"
    }

    TestCase {
        name: "MessageDelegate"
        when: windowShown

        function make(props) {
            const d = createTemporaryObject(delegateComponent, top, props)
            verify(d)
            return d
        }

        function test_retryOnlyWhenFailed_data() {
            return [
                { tag: "received", state: "received", outgoing: false, retry: false },
                { tag: "sent", state: "sent", outgoing: true, retry: false },
                { tag: "pending", state: "pending", outgoing: true, retry: false },
                { tag: "failed", state: "failed", outgoing: true, retry: true }
            ]
        }

        function test_retryOnlyWhenFailed(data) {
            const d = make({ state: data.state, outgoing: data.outgoing })
            const button = findChild(d, "retryButton")
            verify(button)
            compare(button.visible, data.retry)
        }

        function test_retryEmitsClientId() {
            const d = make({ state: "failed", outgoing: true, error: "too long" })
            retrySpy.target = d
            retrySpy.clear()
            const button = findChild(d, "retryButton")
            waitForRendering(d)
            mouseClick(button)
            compare(retrySpy.count, 1)
            compare(retrySpy.signalArguments[0][0], "c-42")
            const err = findChild(d, "errorLabel")
            verify(err.visible)
            verify(err.text.indexOf("too long") >= 0)
        }

        function test_stateIndicatorDiffers() {
            const pending = make({ state: "pending", outgoing: true })
            const sent = make({ state: "sent", outgoing: true })
            const failed = make({ state: "failed", outgoing: true })
            compare(pending.indicator, "clock")
            compare(sent.indicator, "check")
            compare(failed.indicator, "failed")
            verify(findChild(pending, "stateIcon").visible)
            verify(findChild(sent, "stateIcon").visible)
            verify(findChild(failed, "stateIcon").visible)
        }

        function test_stateChangeUpdatesIndicator() {
            const d = make({ state: "pending", outgoing: true })
            compare(d.indicator, "clock")
            d.state = "sent"
            compare(d.indicator, "check")
            d.state = "failed"
            compare(d.indicator, "failed")
            verify(findChild(d, "retryButton").visible)
            d.state = "sent"
            verify(!findChild(d, "retryButton").visible)
        }

        function test_receivedHasNoIndicator() {
            const d = make({ state: "received", outgoing: false })
            compare(d.indicator, "")
            verify(!findChild(d, "stateIcon").visible)
        }

        function test_outgoingAlignedRight() {
            const mine = make({ state: "sent", outgoing: true, text: "short" })
            const theirs = make({ state: "received", outgoing: false, text: "short" })
            const mineCol = findChild(mine, "bubbleColumn")
            const theirCol = findChild(theirs, "bubbleColumn")
            // Right edge of own bubble near the right edge; incoming near the left.
            verify(mineCol.x + mineCol.width > mine.width - 30, "own bubble is right-aligned")
            verify(mineCol.x > mine.width / 2, "own bubble starts in the right half")
            verify(theirCol.x < 30, "incoming bubble is left-aligned")
        }

        function test_textShown() {
            const d = make({ state: "received", text: "line one\nline two" })
            compare(findChild(d, "body").text, "line one\nline two")
        }
    }
}
