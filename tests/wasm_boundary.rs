//! Browser tests of the wasm edge (headless Chromium via chromedriver): serde shapes across the
//! JS boundary and the `chrome.storage` binding, against a fake `chrome` global.
#![cfg(target_arch = "wasm32")]

use js_sys::{Function, Object, Reflect};
use oin_helper::wasm::process_message;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Installs `globalThis.chrome.storage.local` backed by a plain object, returns that object.
fn fake_chrome(initial: &str) -> Object {
    let install = Function::new_with_args(
        "initial",
        "const data = JSON.parse(initial);
         const synced = {};
         const area = (store) => ({
           get: async (key) => (key === null ? structuredClone(store) : key in store ? { [key]: structuredClone(store[key]) } : {}),
           set: async (items) => { for (const k of Object.keys(items)) store[k] = structuredClone(items[k]); },
           remove: async (keys) => { for (const k of [].concat(keys)) delete store[k]; },
         });
         globalThis.chrome = { storage: { local: area(data), sync: area(synced) } };
         return data;",
    );
    let store = install
        .call1(&JsValue::NULL, &JsValue::from_str(initial))
        .unwrap()
        .into();
    // New storage contents, as the browser reports them: the worker's parsed records (from the
    // previous test) are no longer what storage holds.
    oin_helper::wasm::storage_changed("local", "");
    store
}

/// A stored value's JSON text (values are stored as text; a seeded value may be an object).
fn json(value: &JsValue) -> String {
    value
        .as_string()
        .unwrap_or_else(|| js_sys::JSON::stringify(value).unwrap().as_string().unwrap())
}

fn snapshot_message(display_name: &str) -> JsValue {
    let text = format!(
        r#"{{"kind":"check","snapshot":{{"url":"https://acme-admin.okta.com/admin/oin/integrations/acme_app_1/edit",
        "headings":[{{"level":2,"text":"OIN catalog properties"}}],
        "buttons":[{{"id":9,"text":"Submit integration"}}],
        "controls":[{{"id":1,"tag":"input","kind":"text","labels":{{"label":"Display name *","heading":"OIN catalog properties"}},
          "value":"{display_name}","filled":{}}}]}}}}"#,
        !display_name.is_empty()
    );
    js_sys::JSON::parse(&text).unwrap()
}

#[wasm_bindgen_test]
async fn a_check_returns_a_plain_object_plan_and_stores_a_versioned_registry() {
    let store = fake_chrome("{}");
    let response = process_message(snapshot_message(""), 1000.0, None)
        .await
        .unwrap();
    assert!(
        !response.is_instance_of::<js_sys::Map>(),
        "plain objects, not ES Maps"
    );
    let text = json(&response);
    assert!(text.contains(r#""kind":"plan""#), "{text}");
    assert!(text.contains(r#""field":"catalog.display_name""#), "{text}");
    assert!(text.contains(r#""rule":"required""#), "{text}");

    // Schema 2: the core without integrations, one key per integration, the popup's index.
    let registry = json(&Reflect::get(&store, &"registry".into()).unwrap());
    assert!(registry.contains(r#""schema":2"#), "{registry}");
    assert!(!registry.contains("acme_app_1"));
    let record = Reflect::get(&store, &"integration:acme_app_1".into()).unwrap();
    assert!(
        json(&record).contains(r#""id":"acme_app_1""#),
        "{}",
        json(&record)
    );
    let index = json(&Reflect::get(&store, &"index".into()).unwrap());
    assert!(index.contains(r#""integration":"acme_app_1""#), "{index}");
}

#[wasm_bindgen_test]
async fn a_check_sent_as_text_is_answered_as_text_with_its_badge_beside_it() {
    fake_chrome("{}");
    let text = JsValue::from_str(&json(&snapshot_message("")));
    let reply = process_message(text, 1000.0, None).await.unwrap();
    let answer = Reflect::get(&reply, &"text".into()).unwrap();
    let answer = answer.as_string().expect("the answer is JSON text");
    assert!(answer.contains(r#""kind":"plan""#), "{answer}");
    assert!(answer.contains(r#""rule":"required""#), "{answer}");
    // The worker sets the toolbar badge from the reply without parsing the answer.
    let badge = Reflect::get(&reply, &"badge".into()).unwrap();
    assert_eq!(badge.as_string().as_deref(), Some("1"));
    assert!(js_sys::Array::is_array(
        &Reflect::get(&reply, &"effects".into()).unwrap()
    ));
    // The worker's queue waits for the write of a text check as for any other.
    assert!(Reflect::get(&reply, &"saved".into())
        .unwrap()
        .is_instance_of::<js_sys::Promise>());

    // Unreadable text is explained, as text, and has no badge to set.
    let reply = process_message(JsValue::from_str("{\"kind\":"), 1001.0, None)
        .await
        .unwrap();
    let answer = Reflect::get(&reply, &"text".into()).unwrap().as_string();
    assert!(answer.unwrap().contains(r#""kind":"error""#));
    assert!(Reflect::get(&reply, &"badge".into()).unwrap().is_null());
}

#[wasm_bindgen_test]
async fn a_schema_one_registry_is_split_into_records_and_nothing_is_lost() {
    let store = fake_chrome(
        r#"{"registry":{"schema":1,"revision":3,"integrations":{"acme_old_1":{"id":"acme_old_1","name":"Old","drafts":{"b.okta.com":{"org":"b.okta.com"}}}}}}"#,
    );
    process_message(snapshot_message("Acme"), 5.0, None)
        .await
        .unwrap();
    let record = json(&Reflect::get(&store, &"integration:acme_old_1".into()).unwrap());
    assert!(record.contains(r#""name":"Old""#), "{record}");
    assert!(Reflect::has(&store, &"integration:acme_app_1".into()).unwrap());
    let core = json(&Reflect::get(&store, &"registry".into()).unwrap());
    assert!(!core.contains("acme_old_1"), "{core}");
    // A value written by someone else is read, not the worker's parsed copy.
    let edit = Function::new_with_args(
        "store",
        "store['integration:acme_old_1'] = JSON.stringify({ id: 'acme_old_1', name: 'Renamed', drafts: { 'b.okta.com': { org: 'b.okta.com' } } });",
    );
    edit.call1(&JsValue::NULL, &store).unwrap();
    oin_helper::wasm::storage_changed("local", "");
    process_message(snapshot_message("Acme 2"), 6.0, None)
        .await
        .unwrap();
    let record = json(&Reflect::get(&store, &"integration:acme_old_1".into()).unwrap());
    assert!(record.contains(r#""name":"Renamed""#), "{record}");
    let index = json(&Reflect::get(&store, &"index".into()).unwrap());
    assert!(index.contains(r#""name":"Renamed""#), "{index}");
}

#[wasm_bindgen_test]
async fn a_write_by_someone_else_is_read_once_its_change_is_reported() {
    // The worker checks on the records it parsed last time; a change event carrying its own
    // stamp leaves them, one carrying another writer's stamp drops them, so that writer's record
    // is read.
    let store = fake_chrome("{}");
    process_message(snapshot_message("Acme"), 5.0, None)
        .await
        .unwrap();
    let own = json(&Reflect::get(&store, &"stamp".into()).unwrap());
    oin_helper::wasm::storage_changed("local", &own);
    let edit = Function::new_with_args(
        "store",
        "store['integration:acme_other_1'] = JSON.stringify({ id: 'acme_other_1', name: 'Other', drafts: { 'b.okta.com': { org: 'b.okta.com' } } });
         store.stamp = 'someone-else.1';",
    );
    edit.call1(&JsValue::NULL, &store).unwrap();
    oin_helper::wasm::storage_changed("local", "someone-else.1");
    process_message(snapshot_message("Acme 2"), 6.0, None)
        .await
        .unwrap();
    let index = json(&Reflect::get(&store, &"index".into()).unwrap());
    assert!(index.contains(r#""name":"Other""#), "{index}");
    assert!(index.contains(r#""name":"Acme 2""#), "{index}");
    let stamp = json(&Reflect::get(&store, &"stamp".into()).unwrap());
    assert_ne!(stamp, "someone-else.1");
}

#[wasm_bindgen_test]
async fn an_unreadable_message_gets_an_explained_error_and_changes_nothing() {
    let store = fake_chrome(r#"{"registry":{"schema":1,"revision":7}}"#);
    let bad =
        js_sys::JSON::parse(r#"{"kind":"check","snapshot":{"controls":"not a list"}}"#).unwrap();
    let response = process_message(bad, 1.0, None).await.unwrap();
    let text = json(&response);
    assert!(text.contains(r#""kind":"error""#), "{text}");
    assert!(text.contains("left as it was"), "{text}");
    let registry = Reflect::get(&store, &"registry".into()).unwrap();
    assert_eq!(json(&registry), r#"{"schema":1,"revision":7}"#);
}

#[wasm_bindgen_test]
async fn a_stored_value_from_another_shape_is_kept_aside_not_dropped() {
    let store = fake_chrome(r#"{"registry":{"integrations":"garbage"}}"#);
    process_message(snapshot_message("Acme"), 5.0, None)
        .await
        .unwrap();
    let registry = json(&Reflect::get(&store, &"registry".into()).unwrap());
    assert!(registry.contains(r#""quarantine":[{"#), "{registry}");
    assert!(
        registry.contains(r#""value":{"integrations":"garbage"}"#),
        "{registry}"
    );
}

#[wasm_bindgen_test]
async fn a_check_is_answered_once_its_write_is_issued_and_saved_settles_on_confirmation() {
    // A storage area whose `set` takes the items at once (the request has left for the browser)
    // and confirms only when the test says so.
    let install = Function::new_no_args(
        "const store = {};
         const confirmations = [];
         const local = {
           get: async (key) => (key === null ? structuredClone(store) : key in store ? { [key]: store[key] } : {}),
           set: (items) => { Object.assign(store, structuredClone(items)); return new Promise((ok) => confirmations.push(ok)); },
           remove: async (keys) => { for (const k of [].concat(keys)) delete store[k]; },
         };
         globalThis.chrome = { storage: { local, sync: local } };
         return { store, confirm: () => confirmations.splice(0).forEach((ok) => ok()) };",
    );
    let fake = install.call0(&JsValue::NULL).unwrap();
    oin_helper::wasm::storage_changed("local", "");
    let store = Reflect::get(&fake, &"store".into()).unwrap();
    let reply = process_message(snapshot_message("Acme"), 5.0, None)
        .await
        .unwrap();
    assert!(json(&reply).contains(r#""kind":"plan""#));
    assert!(
        Reflect::has(&store, &"integration:acme_app_1".into()).unwrap(),
        "the write was issued before the answer"
    );
    let saved: js_sys::Promise = Reflect::get(&reply, &"saved".into()).unwrap().into();
    let settled = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = settled.clone();
    let watch = wasm_bindgen_futures::JsFuture::from(saved.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let _ = watch.await;
        flag.set(true);
    });
    // A few turns of the event loop: still unconfirmed, so `saved` has not settled.
    for _ in 0..3 {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
    }
    assert!(!settled.get(), "saved waits for the browser's confirmation");
    let confirm: Function = Reflect::get(&fake, &"confirm".into()).unwrap().into();
    confirm.call0(&JsValue::NULL).unwrap();
    wasm_bindgen_futures::JsFuture::from(saved).await.unwrap();
}

/// The answer text of a text message.
async fn answer_to(text: &str, now: f64) -> String {
    let reply = process_message(JsValue::from_str(text), now, None)
        .await
        .unwrap();
    Reflect::get(&reply, &"text".into())
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
async fn an_edit_is_checked_against_its_port_s_last_snapshot_or_answered_resend() {
    fake_chrome("{}");
    let full = json(&snapshot_message("")).replacen('{', r#"{"base":"wb-port","seq":1,"#, 1);
    assert!(answer_to(&full, 1000.0)
        .await
        .contains(r#""rule":"required""#));
    let edit = r#"{"kind":"edit","base":"wb-port","seq":2,"controls":[{"id":1,"value":"Acme","filled":true}],"buttons":[]}"#;
    let answer = answer_to(edit, 1001.0).await;
    assert!(answer.contains(r#""kind":"plan""#), "{answer}");
    assert!(!answer.contains(r#""rule":"required""#), "{answer}");
    // The same number again is out of step; a token never seen has no snapshot.
    assert_eq!(answer_to(edit, 1002.0).await, r#"{"kind":"resend"}"#);
    let unknown = edit.replace("wb-port", "wb-other");
    assert_eq!(answer_to(&unknown, 1003.0).await, r#"{"kind":"resend"}"#);
}

#[wasm_bindgen_test]
async fn a_check_is_delivered_before_its_write_is_issued_and_the_write_follows() {
    let store = fake_chrome("{}");
    // `deliver` notes what storage held when the answer was handed over.
    let watch = Function::new_with_args(
        "store",
        "const seen = { calls: 0, stored: null, text: null };
         return { seen, deliver: (reply) => { seen.calls += 1; seen.stored = 'integration:acme_app_1' in store; seen.text = reply.text; } };",
    )
    .call1(&JsValue::NULL, &store)
    .unwrap();
    let deliver: Function = Reflect::get(&watch, &"deliver".into()).unwrap().into();
    let seen = Reflect::get(&watch, &"seen".into()).unwrap();
    let text = JsValue::from_str(&json(&snapshot_message("Acme")));
    let reply = process_message(text, 7.0, Some(deliver.clone()))
        .await
        .unwrap();
    assert_eq!(
        Reflect::get(&seen, &"calls".into()).unwrap().as_f64(),
        Some(1.0)
    );
    assert_eq!(
        Reflect::get(&seen, &"stored".into()).unwrap().as_bool(),
        Some(false),
        "the page's answer goes before the write"
    );
    let delivered = Reflect::get(&seen, &"text".into()).unwrap().as_string();
    assert!(delivered.unwrap().contains(r#""kind":"plan""#));
    assert!(
        Reflect::has(&store, &"integration:acme_app_1".into()).unwrap(),
        "the write was issued when processMessage returned"
    );
    let saved: js_sys::Promise = Reflect::get(&reply, &"saved".into()).unwrap().into();
    wasm_bindgen_futures::JsFuture::from(saved).await.unwrap();

    // An unreadable message is delivered too (once), as its explanation.
    process_message(JsValue::from_str("{"), 8.0, Some(deliver))
        .await
        .unwrap();
    assert_eq!(
        Reflect::get(&seen, &"calls".into()).unwrap().as_f64(),
        Some(2.0)
    );
    let delivered = Reflect::get(&seen, &"text".into()).unwrap().as_string();
    assert!(delivered.unwrap().contains(r#""kind":"error""#));
}
